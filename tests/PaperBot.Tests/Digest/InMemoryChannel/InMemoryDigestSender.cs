using System.Collections.Concurrent;
using PaperBot.Core.Digest;

namespace PaperBot.Tests.Digest.InMemoryChannel;

/// <summary>The third channel's sender: one part per paper, kept in memory with the address it was sent to.</summary>
public sealed class InMemoryDigestSender : IDigestSender
{
    public ConcurrentQueue<(string Address, string Heading, string PaperId, string Key)> Delivered { get; } = new();

    public string Kind => InMemoryDigestTarget.KindName;

    public bool ResendsSafely => true;

    public int CountParts(DigestContent content) => Math.Max(1, content.Items.Count);

    public Task<string?> SendPartAsync(string address, DigestContent content, int part, string idempotencyKey, CancellationToken cancellationToken)
    {
        Delivered.Enqueue((address, content.Heading, content.Items.Count == 0 ? "" : content.Items[part].PaperId, idempotencyKey));
        return Task.FromResult<string?>($"m{Delivered.Count}");
    }
}
