using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// An acknowledged interaction whose answer is still to be composed and delivered by editing @original.
/// <paramref name="AcceptedAt"/> dates its token (valid 15 minutes); <paramref name="Hold"/> is this process's hold on it
/// in the accepted-work journal (null when it is not journaled): confirmed right before the answer is delivered, and
/// finished there once it is.
/// </summary>
public sealed record DeferredInteraction(
    Interaction Interaction, string CommandName, Func<CancellationToken, Task<ChatReply>> Run, DateTimeOffset? AcceptedAt = null, WorkHold? Hold = null)
{
    /// <summary>A button press acknowledged with DEFERRED_UPDATE_MESSAGE: the reply is a new (ephemeral) follow-up
    /// message, never an edit of the message the button is on.</summary>
    public bool AsFollowUp { get; init; }
}
