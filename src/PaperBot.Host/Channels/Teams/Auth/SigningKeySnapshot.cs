using Microsoft.IdentityModel.Tokens;

namespace PaperBot.Host.Channels.Teams.Auth;

/// <summary>The Bot Connector's signing keys by <c>kid</c>, and the channels each key is endorsed for.</summary>
public sealed record SigningKeySnapshot(
    IReadOnlyDictionary<string, SecurityKey> Keys,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements,
    DateTimeOffset FetchedAt)
{
    public static SigningKeySnapshot Empty { get; } = new(
        new Dictionary<string, SecurityKey>(), new Dictionary<string, IReadOnlySet<string>>(), DateTimeOffset.MinValue);
}
