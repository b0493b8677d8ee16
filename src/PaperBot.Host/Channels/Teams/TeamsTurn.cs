using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// One accepted inbound activity waiting to be processed, with how it was authenticated. <see cref="JournalKey"/> names
/// its row in the accepted-work journal (null when it was not journaled), finished once its reply is delivered.
/// </summary>
public sealed record TeamsTurn(Activity Activity, InboundAuthOutcome Authentication)
{
    public string? JournalKey { get; init; }

    /// <summary>When the activity was accepted; set on turns resumed after a restart.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }
}
