using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Answers a verified interaction within Discord's 3 s: PONG, an immediate ephemeral problem (unknown command, bad
/// option, too many questions, busy), or a deferral whose answer a <see cref="DiscordInteractionWorker"/> delivers.
/// Button presses go to <see cref="DiscordPaperActions"/>.
/// </summary>
public sealed class DiscordInteractionHandler(IEnumerable<IDiscordCommandModule> modules, UserQuestionLimiter limiter, DiscordInteractionQueue queue, DiscordPaperActions paperActions)
{
    private readonly IReadOnlyList<IDiscordCommandModule> modules = modules.ToList();

    public InteractionResponse Handle(Interaction interaction)
    {
        switch (interaction.Type)
        {
            case InteractionType.Ping:
                return new InteractionResponse(InteractionCallbackType.Pong);
            case InteractionType.ApplicationCommandAutocomplete:
                return new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult);
            case InteractionType.ApplicationCommand when interaction.Data is { } data:
                return Command(interaction, data);
            case InteractionType.MessageComponent:
                return paperActions.Handle(interaction);
            default:
                return Ephemeral("PaperBot only understands its slash commands. Try /help.");
        }
    }

    private InteractionResponse Command(Interaction interaction, InteractionData data)
    {
        var binding = modules.Select(m => m.Bind(interaction, data)).FirstOrDefault(b => b is not null);
        if (binding is null)
        {
            return Ephemeral($"I don't know the command /{data.Name}. Try /help.");
        }
        if (binding.Problem is not null || binding.Run is null)
        {
            return Ephemeral(binding.Problem ?? "That command could not be run.");
        }
        if (binding.CountsAsQuestion && !limiter.TryAcquire(interaction.Invoker?.Id ?? "unknown", out var retryAfter))
        {
            return Ephemeral(UserQuestionLimiter.SlowDownMessage(retryAfter));
        }
        if (!queue.TryEnqueue(new DeferredInteraction(interaction, data.Name, binding.Run)))
        {
            return Ephemeral("I'm answering a lot of questions right now; please ask again in a minute.");
        }
        return new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource);
    }

    private static InteractionResponse Ephemeral(string text) =>
        new(InteractionCallbackType.ChannelMessageWithSource, DiscordReplyRenderer.Notice(text, ephemeral: true));
}
