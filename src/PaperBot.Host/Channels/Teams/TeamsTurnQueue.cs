using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// Accepted activities waiting for the turn worker. The endpoint answers the connector at once (it gives up after
/// about 15 s) and the answer follows through the connector; a full queue is refused, never silently dropped.
/// </summary>
public sealed class TeamsTurnQueue(IOptions<TeamsOptions> options)
{
    private readonly Channel<TeamsTurn> _channel = Channel.CreateBounded<TeamsTurn>(
        new BoundedChannelOptions(options.Value.TurnQueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    public bool TryEnqueue(TeamsTurn turn) => _channel.Writer.TryWrite(turn);

    public ChannelReader<TeamsTurn> Reader => _channel.Reader;
}
