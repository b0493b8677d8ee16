using System.Diagnostics.Metrics;
using PaperBot.Core.Diagnostics;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Channels.Teams;

namespace PaperBot.Host.Observability;

/// <summary>
/// paperbot.queue.depth: work accepted by the channel endpoints and waiting for a worker. Its meter comes from the
/// host's IMeterFactory, so it lives and dies with this server (tests run several in one process).
/// </summary>
public sealed class QueueDepthGauge
{
    public QueueDepthGauge(IMeterFactory meters, DiscordInteractionQueue discord, TeamsTurnQueue teams)
    {
        var meter = meters.Create(PaperBotTelemetry.Name);
        meter.CreateObservableGauge("paperbot.queue.depth", () => new[]
        {
            new Measurement<int>(discord.Count, new KeyValuePair<string, object?>("channel", "discord")),
            new Measurement<int>(Enumerable.Range(0, teams.LaneCount).Sum(i => teams.Lane(i).Count), new KeyValuePair<string, object?>("channel", "teams")),
        }, "{item}", "Channel work waiting for a worker");
    }
}
