using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// Accepted activities waiting for the turn worker. The endpoint answers the connector at once (it gives up after
/// about 15 s) and the answer follows through the connector; a full queue is refused, never silently dropped.
/// Activities are spread over <c>Teams:TurnConcurrency</c> lanes by conversation, so one conversation's turns run
/// one after another, in arrival order, while different conversations run in parallel.
/// </summary>
public sealed class TeamsTurnQueue
{
    private readonly Channel<TeamsTurn>[] _lanes;

    public TeamsTurnQueue(IOptions<TeamsOptions> options)
    {
        var settings = options.Value;
        var perLane = Math.Max(1, settings.TurnQueueCapacity / settings.TurnConcurrency);
        _lanes = Enumerable.Range(0, settings.TurnConcurrency)
            .Select(_ => Channel.CreateBounded<TeamsTurn>(new BoundedChannelOptions(perLane) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }))
            .ToArray();
    }

    public int LaneCount => _lanes.Length;

    public bool TryEnqueue(TeamsTurn turn) => _lanes[LaneOf(turn.Activity.Conversation?.Id)].Writer.TryWrite(turn);

    /// <summary>A turn accepted before a restart: waits for room rather than being refused.</summary>
    public ValueTask EnqueueResumedAsync(TeamsTurn turn, CancellationToken cancellationToken) =>
        _lanes[LaneOf(turn.Activity.Conversation?.Id)].Writer.WriteAsync(turn, cancellationToken);

    public ChannelReader<TeamsTurn> Lane(int index) => _lanes[index].Reader;

    private int LaneOf(string? conversationId) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(conversationId ?? "") % (uint)_lanes.Length);
}
