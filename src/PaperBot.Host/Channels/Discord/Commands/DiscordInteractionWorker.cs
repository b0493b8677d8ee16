using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Transport;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Composes deferred answers and delivers them: the first message edits the "thinking…" response, the rest are
/// follow-ups. A failure gets an apology in place of the answer, and is logged; never silence.
/// </summary>
public sealed class DiscordInteractionWorker(
    DiscordInteractionQueue queue, DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<DiscordInteractionWorker> logger) : BackgroundService
{
    public const string Apology = "Sorry, something went wrong while answering that. It has been logged; please try again in a moment.";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(work, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public async Task DeliverAsync(DeferredInteraction work, CancellationToken cancellationToken)
    {
        // One trace per interaction: the answer, its retrieval and model call, and the REST calls that post the reply.
        using var span = Core.Diagnostics.PaperBotTelemetry.Source.StartActivity("discord.interaction");
        var token = work.Interaction.Token;
        IReadOnlyList<OutgoingMessage> messages;
        try
        {
            var reply = await work.Run(cancellationToken);
            messages = DiscordReplyRenderer.ToMessages(reply);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Discord /{Command} (interaction {Id}) failed while composing the answer", work.CommandName, work.Interaction.Id);
            messages = [DiscordReplyRenderer.Notice(Apology, ephemeral: false)];
        }
        try
        {
            await rest.EditOriginalResponseAsync(token, messages[0], cancellationToken);
            foreach (var followUp in messages.Skip(1))
            {
                await rest.CreateFollowupAsync(token, followUp, cancellationToken);
            }
        }
        catch (Exception e) when (e is DiscordApiException or DiscordRequestRefusedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Could not deliver the answer to Discord /{Command} (interaction {Id})", work.CommandName, work.Interaction.Id);
        }
    }
}
