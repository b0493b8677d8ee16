using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Deferred interactions waiting for a worker. Bounded for new work: when full, the endpoint says "busy" at once rather
/// than acknowledging work it cannot finish within the token's 15 minutes. Work resumed after a restart was already
/// acknowledged, so it always goes in.
/// </summary>
public sealed class DiscordInteractionQueue(IOptions<DiscordOptions> options)
{
    private readonly Channel<DeferredInteraction> channel = Channel.CreateUnbounded<DeferredInteraction>();
    private readonly int capacity = options.Value.QueueCapacity;
    private int count;

    public int Count => Volatile.Read(ref count);

    public bool TryEnqueue(DeferredInteraction work)
    {
        if (Interlocked.Increment(ref count) > capacity)
        {
            Interlocked.Decrement(ref count);
            return false;
        }
        return Write(work);
    }

    /// <summary>Acknowledged before a restart: queued whatever the capacity.</summary>
    public void EnqueueResumed(DeferredInteraction work)
    {
        Interlocked.Increment(ref count);
        Write(work);
    }

    public async IAsyncEnumerable<DeferredInteraction> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var work in channel.Reader.ReadAllAsync(cancellationToken))
        {
            Interlocked.Decrement(ref count);
            yield return work;
        }
    }

    private bool Write(DeferredInteraction work)
    {
        if (channel.Writer.TryWrite(work))
        {
            return true;
        }
        Interlocked.Decrement(ref count);
        return false;
    }

    /// <summary>Interactions waiting for a worker (the queue-depth metric).</summary>
    public int Depth => Count;
}
