using Microsoft.Extensions.Options;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams.Cards;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// What the bot does with each kind of activity, one method per type. Thin: messages become
/// <see cref="ChatRequest"/>s, <see cref="ChatReply"/>s become cards; installs and removals update the stored
/// conversation references the digest posts to.
/// </summary>
public sealed class TeamsTurnHandler(
    PaperBotAssistant assistant,
    IEnumerable<ITeamsTextCommand> textCommands,
    ConversationReferenceStore conversations,
    TeamsMessenger messenger,
    AdaptiveCardRenderer renderer,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<TeamsTurnHandler> logger)
{
    public Task OnTurnAsync(TeamsTurn turn, CancellationToken cancellationToken) => turn.Activity.Type switch
    {
        ActivityTypes.Message => OnMessageAsync(turn.Activity, cancellationToken),
        ActivityTypes.ConversationUpdate => OnConversationUpdateAsync(turn.Activity, cancellationToken),
        ActivityTypes.InstallationUpdate => OnInstallationUpdateAsync(turn.Activity, cancellationToken),
        _ => OnUnhandledActivityAsync(turn.Activity),
    };

    public async Task OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        // One trace per turn: the answer, its retrieval and model call, and the connector calls that post the reply.
        using var span = Core.Diagnostics.PaperBotTelemetry.Source.StartActivity("teams.turn");
        var reference = Reference(activity);
        if (reference is null)
        {
            return;
        }
        conversations.Upsert(reference);

        var (text, mentionedBot) = MentionText.StripBotMention(activity);
        var personal = reference.ConversationType is null or "personal";
        if (!personal && !mentionedBot)
        {
            // Channels and group chats deliver only @mentions unless RSC is granted; answer only when asked.
            logger.LogDebug("Ignoring a message in {ConversationId} that does not mention the bot", reference.ConversationId);
            return;
        }

        ChatReply reply;
        using (var typing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // Teams shows typing in personal and group chats only.
            var typingLoop = reference.ConversationType == "channel" ? Task.CompletedTask : TypeUntilCancelledAsync(reference, typing.Token, cancellationToken);
            try
            {
                reply = await ReplyToAsync(text, activity, reference, cancellationToken);
            }
            finally
            {
                await typing.CancelAsync();
                await typingLoop;
            }
        }
        await messenger.SendAsync(reference, renderer.Render(reply), activity.Id, cancellationToken);
    }

    public async Task OnConversationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var reference = Reference(activity);
        if (reference is null)
        {
            return;
        }
        var botId = activity.Recipient?.Id;
        if (activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            conversations.Upsert(reference with { LastActivityId = null });
            logger.LogInformation("Added to {ConversationType} conversation {ConversationId}", reference.ConversationType, reference.ConversationId);
            await messenger.SendAsync(reference, renderer.Render(PaperBotAssistant.Help()), replyToId: null, cancellationToken);
        }
        else if (activity.MembersRemoved?.Any(m => m.Id == botId) == true)
        {
            conversations.MarkInactive(reference.ChannelId, reference.ConversationId, "the bot was removed from the conversation");
            logger.LogInformation("Removed from conversation {ConversationId}", reference.ConversationId);
        }
    }

    public Task OnInstallationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var reference = Reference(activity);
        if (reference is not null)
        {
            if (activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true)
            {
                conversations.MarkInactive(reference.ChannelId, reference.ConversationId, "the app was uninstalled");
            }
            else
            {
                conversations.Upsert(reference with { LastActivityId = null });
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Other activity types (reactions, typing, events, invokes) are acknowledged and ignored.</summary>
    public Task OnUnhandledActivityAsync(Activity activity)
    {
        logger.LogDebug("Ignoring a {Type} activity", activity.Type);
        return Task.CompletedTask;
    }

    private async Task<ChatReply> ReplyToAsync(string text, Activity activity, ConversationReference reference, CancellationToken cancellationToken)
    {
        foreach (var command in textCommands)
        {
            if (await command.TryHandleAsync(text, reference, cancellationToken) is { } handled)
            {
                return handled;
            }
        }
        var request = ChatRequest.FromText(text, reference.ConversationId, activity.From?.Id ?? "");
        return await assistant.HandleAsync(request, cancellationToken);
    }

    private async Task TypeUntilCancelledAsync(ConversationReference reference, CancellationToken stop, CancellationToken turn)
    {
        try
        {
            // The first indicator always goes out, even when the answer is ready before it is sent.
            await messenger.SendTypingAsync(reference, turn);
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(options.Value.TypingInterval, timeProvider, stop);
                await messenger.SendTypingAsync(reference, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the answer is ready
        }
        catch (HttpRequestException ex)
        {
            logger.LogDebug(ex, "Typing indicator failed; the answer still follows");
        }
    }

    private ConversationReference? Reference(Activity activity)
    {
        var reference = ConversationReference.FromActivity(activity, timeProvider.GetUtcNow());
        if (reference is null)
        {
            logger.LogWarning("A {Type} activity lacks conversation, serviceUrl, recipient or channelId; it cannot be answered", activity.Type);
        }
        return reference;
    }
}
