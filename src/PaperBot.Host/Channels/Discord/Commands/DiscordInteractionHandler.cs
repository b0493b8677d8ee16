using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Answers a verified interaction within Discord's 3 s: PONG, an immediate ephemeral problem (unknown command, bad
/// option, too many questions, busy), or a deferral whose answer a <see cref="DiscordInteractionWorker"/> delivers.
/// Every interaction but a PING is recorded by id first, so a replay of it within the signature window (and across a
/// restart) is not acted on twice; a deferral is journaled before it is acknowledged, so a restart still answers it.
/// Button presses go to <see cref="DiscordPaperActions"/>.
/// </summary>
public sealed class DiscordInteractionHandler(
    IEnumerable<IDiscordCommandModule> modules, UserQuestionLimiter limiter, DiscordInteractionQueue queue, IAcceptedWorkJournal journal, TimeProvider time,
    DiscordPaperActions paperActions)
{
    /// <summary>The channel name in the accepted-work journal.</summary>
    public const string JournalChannel = "discord";

    public const string ReplayNotice = "This interaction was already received; it is not run twice.";

    private readonly IReadOnlyList<IDiscordCommandModule> modules = modules.ToList();

    /// <summary>
    /// <paramref name="body"/> is the verified request body, kept in the journal so the work can be redone after a
    /// restart; without it (tests that call the handler directly) the deferral is not journaled.
    /// </summary>
    public InteractionResponse Handle(Interaction interaction, string? body = null)
    {
        if (interaction.Type == InteractionType.Ping)
        {
            return new InteractionResponse(InteractionCallbackType.Pong);
        }
        try
        {
            if (journal.TryAccept(JournalChannel, interaction.Id) is not { } hold)
            {
                return Ephemeral(ReplayNotice);
            }
            switch (interaction.Type)
            {
                case InteractionType.ApplicationCommandAutocomplete:
                    return new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult);
                case InteractionType.ApplicationCommand when interaction.Data is { } data:
                    return Command(interaction, data, body, hold);
                case InteractionType.MessageComponent:
                    return paperActions.Handle(interaction);
                default:
                    return Ephemeral("PaperBot only understands its slash commands. Try /help.");
            }
        }
        catch (System.Data.Common.DbException)
        {
            // The journal (PostgreSQL, with replicas) is out of reach: nothing is acknowledged that could not be kept.
            return Ephemeral(JournalUnavailable);
        }
    }

    /// <summary>The answer when the accepted-work journal cannot be written: nothing was queued.</summary>
    public const string JournalUnavailable =
        "Sorry, PaperBot cannot take this right now: its database is out of reach, so the request was not queued. Please try again in a minute.";

    /// <summary>Binds an interaction acknowledged before a restart again; null when it no longer binds.</summary>
    public DeferredInteraction? Rebind(Interaction interaction, DateTimeOffset acceptedAt, WorkHold hold)
    {
        if (interaction.Data is not { } data
            || modules.Select(m => m.Bind(interaction, data)).FirstOrDefault(b => b is not null) is not { Run: { } run })
        {
            return null;
        }
        return new DeferredInteraction(interaction, data.Name, run, acceptedAt, hold);
    }

    private InteractionResponse Command(Interaction interaction, InteractionData data, string? body, WorkHold hold)
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
        var work = new DeferredInteraction(interaction, data.Name, binding.Run, time.GetUtcNow(), body is not null ? hold : null);
        if (body is not null)
        {
            journal.SetPending(hold, body);
        }
        if (!queue.TryEnqueue(work))
        {
            if (body is not null)
            {
                journal.Finish(hold);
            }
            return Ephemeral("I'm answering a lot of questions right now; please ask again in a minute.");
        }
        return new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource);
    }

    /// <summary>
    /// What the endpoint checks before anything else reads the interaction: Discord always sends an id, and a token
    /// with every interaction it expects an answer to. Null entries in option lists (never sent by Discord) are dropped
    /// and missing names become empty, so no command module meets a null. Returns null when the shape is unusable.
    /// </summary>
    public static Interaction? Normalize(Interaction interaction)
    {
        if (string.IsNullOrEmpty(interaction.Id) || interaction.Id.Length > 64)
        {
            return null;
        }
        if (interaction.Type != InteractionType.Ping && (string.IsNullOrEmpty(interaction.Token) || interaction.Token.Length > 1024))
        {
            return null;
        }
        return interaction.Data is { } data
            ? interaction with { Data = data with { Name = data.Name ?? "", Options = Normalize(data.Options) } }
            : interaction;
    }

    private static IReadOnlyList<InteractionDataOption>? Normalize(IReadOnlyList<InteractionDataOption>? options) =>
        options?.Where(o => o is not null).Select(o => o with { Name = o.Name ?? "", Options = Normalize(o.Options) }).ToList();

    private static InteractionResponse Ephemeral(string text) =>
        new(InteractionCallbackType.ChannelMessageWithSource, DiscordReplyRenderer.Notice(text, ephemeral: true));
}
