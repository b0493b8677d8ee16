using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Deferred interactions waiting for a worker. Bounded: when full, the endpoint says "busy" at once rather than
/// acknowledging work it cannot finish within the token's 15 minutes.
/// </summary>
public sealed class DiscordInteractionQueue(IOptions<DiscordOptions> options)
{
    private readonly Channel<DeferredInteraction> channel = Channel.CreateBounded<DeferredInteraction>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    public bool TryEnqueue(DeferredInteraction work) => channel.Writer.TryWrite(work);

    /// <summary>Interactions waiting for a worker (the queue-depth metric).</summary>
    public int Depth => channel.Reader.Count;

    public IAsyncEnumerable<DeferredInteraction> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
