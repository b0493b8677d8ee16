using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;
using PaperBot.Core.Storage;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// The buttons under answers and digests (MESSAGE_COMPONENT interactions): "Abstract" and "Ask about this paper" are
/// answered at once (one row read, well inside Discord's 3 s), "Similar papers" runs a search, so it is acknowledged
/// with DEFERRED_UPDATE_MESSAGE (6) and its list follows as a message. All three reply ephemerally, to the person who
/// pressed. The custom_id is untrusted: only our exact shape is read, a paper that is gone gets a polite line, and
/// every press costs a question from the user's allowance. A replayed press never gets here: the interaction handler
/// records every interaction id in the accepted-work journal first.
/// </summary>
public sealed class DiscordPaperActions(
    PaperBotAssistant assistant, PaperStore papers, UserQuestionLimiter limiter, DiscordInteractionQueue queue, ILogger<DiscordPaperActions> logger)
{
    public const string Unrecognised = "That button isn't one I can act on (it may be from an older version of me). Ask again to get fresh buttons.";

    public InteractionResponse Handle(Interaction interaction)
    {
        if (!PaperActionPayload.TryParse(interaction.Data?.CustomId, out var kind, out var paperId))
        {
            logger.LogDebug("Refused a component interaction {Id} with an unknown custom_id", interaction.Id);
            return Ephemeral(Unrecognised);
        }
        if (!limiter.TryAcquire(interaction.Invoker?.Id ?? "unknown", out var retryAfter))
        {
            return Ephemeral(UserQuestionLimiter.SlowDownMessage(retryAfter));
        }
        // The same conversation key as /ask and mentions, so "Ask about this paper" focuses the next question there.
        var conversation = interaction.ChannelId ?? interaction.GuildId ?? "dm";
        try
        {
            switch (kind)
            {
                case PaperActionKind.Abstract:
                    return Inline(assistant.PaperDetails(paperId));
                case PaperActionKind.AskAbout:
                    return Inline(assistant.About(paperId, conversation));
                default:
                    if (papers.Get(paperId) is null)
                    {
                        return Ephemeral($"I have no paper with the id \"{paperId}\" any more.");
                    }
                    var work = new DeferredInteraction(interaction, "similar", _ => Task.FromResult(assistant.Similar(paperId))) { AsFollowUp = true };
                    return queue.TryEnqueue(work)
                        ? new InteractionResponse(InteractionCallbackType.DeferredUpdateMessage)
                        : Ephemeral("I'm answering a lot of questions right now; please try again in a minute.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A button press never earns Discord a 5xx (it would show "interaction failed" and retry nothing).
            logger.LogError(e, "Discord button {CustomId} (interaction {Id}) failed", interaction.Data?.CustomId, interaction.Id);
            return Ephemeral(DiscordInteractionWorker.Apology);
        }
    }

    private static InteractionResponse Inline(ChatReply reply) =>
        new(InteractionCallbackType.ChannelMessageWithSource, DiscordReplyRenderer.ToMessages(reply, MessageFlags.Ephemeral)[0]);

    private static InteractionResponse Ephemeral(string text) =>
        new(InteractionCallbackType.ChannelMessageWithSource, DiscordReplyRenderer.Notice(text, ephemeral: true));
}
