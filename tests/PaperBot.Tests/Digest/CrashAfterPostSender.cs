using PaperBot.Core.Digest;

namespace PaperBot.Tests.Digest;

/// <summary>
/// Fault injection around the real webhook sender: the POST goes out and lands, then this "process" fails before it
/// can record the part as sent — the window in which a naive retry would post the digest twice.
/// </summary>
public sealed class CrashAfterPostSender(IDigestSender inner, int failOnPart) : IDigestSender
{
    public string Kind => inner.Kind;

    public bool ResendsSafely => inner.ResendsSafely;

    public int CountParts(DigestContent content) => inner.CountParts(content);

    public async Task<string?> SendPartAsync(string address, DigestContent content, int part, string idempotencyKey, CancellationToken cancellationToken)
    {
        var id = await inner.SendPartAsync(address, content, part, idempotencyKey, cancellationToken);
        if (part == failOnPart)
        {
            throw new IOException("the connection dropped after the request was sent");
        }
        return id;
    }
}
