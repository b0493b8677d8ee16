using PaperBot.Host.Channels.Teams.Auth;
using System.Text.Json.Serialization;
using PaperBot.Host.Channels.Teams.Wire;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// One accepted inbound activity waiting to be processed, with how it was authenticated. <see cref="JournalKey"/> names
/// its row in the accepted-work journal (null when it was not journaled), finished once its reply is delivered;
/// <see cref="Hold"/> is this process's hold on that row, checked right before the reply is sent.
/// </summary>
public sealed record TeamsTurn(Activity Activity, InboundAuthOutcome Authentication)
{
    public string? JournalKey { get; init; }

    /// <summary>Not stored in the journal's payload: the journal itself holds the current token.</summary>
    [JsonIgnore]
    public WorkHold? Hold { get; init; }

    /// <summary>When the activity was accepted; set on turns resumed after a restart.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }
}
