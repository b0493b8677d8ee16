using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Transport;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Composes deferred answers and delivers them: the first message edits the "thinking…" response, the rest are
/// follow-ups. A failure gets an apology in place of the answer, and is logged; never silence. Each interaction runs
/// inside its own error boundary, so no interaction can stop a worker (or, through it, the server). On start, work
/// acknowledged before a restart is resumed while its token is valid, and its user told when it can no longer be
/// answered in time.
/// </summary>
public sealed class DiscordInteractionWorker(
    DiscordInteractionQueue queue,
    DiscordRestClient rest,
    DiscordInteractionHandler handler,
    IAcceptedWorkJournal journal,
    ReplyGate replies,
    TimeProvider time,
    IOptions<DiscordOptions> options,
    IOptions<SharedStorageOptions> shared,
    ILogger<DiscordInteractionWorker> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    public const string Apology = "Sorry, something went wrong while answering that. It has been logged; please try again in a moment.";

    public const string RestartedNotice = "Sorry, PaperBot restarted before it could answer this, and there is no longer time to; please ask again.";

    /// <summary>How long Discord accepts edits with an interaction token.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Below this much token life left, composing an answer risks never delivering it; the user is told instead.</summary>
    public static readonly TimeSpan AnswerMargin = TimeSpan.FromMinutes(1);

    private readonly UnfinishedWorkClaimer _unfinished = new(journal, DiscordInteractionHandler.JournalChannel, "Discord interactions", time, shared.Value, logger);

    private IReadOnlyList<PendingWork> _pendingAtStart = [];

    /// <summary>
    /// Reads the journal inside the host's start: hosted services start before the web server listens, so all that is
    /// pending was acknowledged by the previous process. Read later, it would also hold interactions this process has
    /// just acknowledged and queued itself, and those would be answered twice (two identical edits of the reply). Not
    /// in ExecuteAsync: BackgroundService runs that on the thread pool (.NET 10), where the read raced the first
    /// requests. This may be the database's first open: a schema newer than this build stops start-up here with the
    /// same error the start-up check gives.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _pendingAtStart = options.Value.Enabled ? _unfinished.Claim() : [];
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = _pendingAtStart;
        // Answers wait for start-up to finish (the first start ingests the corpus), resumed ones first.
        await StartupGate.WhenStartedAsync(lifetime, stoppingToken);
        Resume(pending);
        var tasks = Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken)).ToList();
        if (options.Value.Enabled && _unfinished.IsShared)
        {
            tasks.Add(_unfinished.TakeOverUntilStoppedAsync(unfinished =>
            {
                Resume(unfinished);
                return Task.CompletedTask;
            }, stoppingToken));
        }
        await Task.WhenAll(tasks);
    }

    /// <summary>Queues the interactions acknowledged and left unfinished by the previous process or a replica that died.</summary>
    private int Resume(IReadOnlyList<PendingWork> pending)
    {
        var resumed = 0;
        foreach (var work in pending)
        {
            try
            {
                var interaction = JsonSerializer.Deserialize<Interaction>(work.Payload, DiscordJson.Options) is { } parsed
                    ? DiscordInteractionHandler.Normalize(parsed)
                    : null;
                if (interaction is null)
                {
                    logger.LogWarning("Interaction {Id} acknowledged before the restart cannot be read back; dropped", work.Id);
                    journal.Finish(work.Hold);
                    continue;
                }
                if (time.GetUtcNow() - work.ReceivedAt >= TokenLifetime)
                {
                    // Nobody can be told any more: the token that would reach the user has expired.
                    logger.LogWarning("Interaction {Id} acknowledged at {ReceivedAt} was not answered before its token expired", work.Id, work.ReceivedAt);
                    journal.Finish(work.Hold);
                    continue;
                }
                // A reply in doubt (its replica stopped while delivering it) is delivered again: the answer is an edit of
                // the "thinking…" message, which shows the same once however often it is made.
                var deferred = handler.Rebind(interaction, work.ReceivedAt, work.Hold)
                    ?? new DeferredInteraction(interaction, interaction.Data?.Name ?? "", _ => throw new InvalidOperationException("the interaction no longer binds to a command"), work.ReceivedAt, work.Hold);
                queue.EnqueueResumed(deferred);
                resumed++;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not resume interaction {Id}", work.Id);
            }
        }
        if (resumed > 0)
        {
            logger.LogInformation("Resuming {Count} interactions acknowledged earlier and left unfinished", resumed);
        }
        return resumed;
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DeliverAsync(work, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The per-interaction error boundary: whatever one interaction does, the worker takes the next.
                    logger.LogError(e, "Discord /{Command} (interaction {Id}) failed", work.CommandName, work.Interaction.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; unfinished work stays in the journal for the next start.
        }
    }

    public async Task DeliverAsync(DeferredInteraction work, CancellationToken cancellationToken)
    {
        // One trace per interaction: the answer, its retrieval and model call, and the REST calls that post the reply.
        using var span = Core.Diagnostics.PaperBotTelemetry.Source.StartActivity("discord.interaction");
        var token = work.Interaction.Token;
        IReadOnlyList<OutgoingMessage> messages;
        var left = work.AcceptedAt is { } accepted ? accepted + TokenLifetime - time.GetUtcNow() : TokenLifetime;
        if (left <= TimeSpan.Zero)
        {
            logger.LogWarning("Discord /{Command} (interaction {Id}) waited past its token's life; it cannot be answered", work.CommandName, work.Interaction.Id);
            Finish(work);
            return;
        }
        if (left < AnswerMargin)
        {
            messages = [DiscordReplyRenderer.Notice(RestartedNotice, ephemeral: false)];
        }
        else
        {
            try
            {
                var reply = await work.Run(cancellationToken);
                messages = DiscordReplyRenderer.ToMessages(reply, work.AsFollowUp ? MessageFlags.Ephemeral : null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "Discord /{Command} (interaction {Id}) failed while composing the answer", work.CommandName, work.Interaction.Id);
                messages = [DiscordReplyRenderer.Notice(Apology, ephemeral: work.AsFollowUp)];
            }
        }
        if (!await replies.MayReplyAsync(work.Hold, cancellationToken))
        {
            // Another replica took the interaction over while this one was slow: it answers, this one must not.
            return;
        }
        try
        {
            if (!work.AsFollowUp)
            {
                await rest.EditOriginalResponseAsync(token, messages[0], cancellationToken);
            }
            foreach (var followUp in messages.Skip(work.AsFollowUp ? 0 : 1))
            {
                await rest.CreateFollowupAsync(token, followUp, cancellationToken);
            }
        }
        catch (Exception e) when (e is DiscordApiException or DiscordRequestRefusedException)
        {
            // Discord's own refusal (an expired or unknown token, a limit): an outcome to record, not a fault in this code.
            logger.LogWarning("Could not deliver the answer to Discord /{Command} (interaction {Id}): {Reason}", work.CommandName, work.Interaction.Id, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Could not deliver the answer to Discord /{Command} (interaction {Id})", work.CommandName, work.Interaction.Id);
        }
        Finish(work);
    }

    private void Finish(DeferredInteraction work)
    {
        if (work.Hold is { } hold)
        {
            journal.Finish(hold);
        }
    }
}
