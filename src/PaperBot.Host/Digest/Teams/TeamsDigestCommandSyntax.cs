using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Teams;

/// <summary>Digest commands in Teams are plain messages to the bot: <c>digest unsubscribe dg…</c>.</summary>
public sealed class TeamsDigestCommandSyntax : IDigestCommandSyntax
{
    public static TeamsDigestCommandSyntax Instance { get; } = new();

    public string Origin => "teams";

    public string Command(string verb, string? subscriptionId = null) =>
        "digest " + verb + (subscriptionId is null ? "" : " " + subscriptionId);
}
