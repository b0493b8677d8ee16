using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// An acknowledged interaction whose answer is still to be composed and delivered by editing @original.
/// <paramref name="AcceptedAt"/> dates its token (valid 15 minutes); <paramref name="Journaled"/> says it is in the
/// accepted-work journal and is finished there once delivered.
/// </summary>
public sealed record DeferredInteraction(
    Interaction Interaction, string CommandName, Func<CancellationToken, Task<ChatReply>> Run, DateTimeOffset? AcceptedAt = null, bool Journaled = false)
{
    /// <summary>A button press acknowledged with DEFERRED_UPDATE_MESSAGE: the reply is a new (ephemeral) follow-up
    /// message, never an edit of the message the button is on.</summary>
    public bool AsFollowUp { get; init; }
}
