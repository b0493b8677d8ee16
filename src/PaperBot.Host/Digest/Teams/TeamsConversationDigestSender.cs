using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Teams;

/// <summary>Digests to a Teams conversation. The connector has no idempotency key, so an in-doubt part is not re-sent.</summary>
public sealed class TeamsConversationDigestSender(ITeamsProactiveSender sender) : IDigestSender
{
    public string Kind => TeamsConversationTarget.KindName;

    public bool ResendsSafely => false;

    public int CountParts(DigestContent content) => TeamsDigestFormatter.Render(content).Count;

    public Task<string?> SendPartAsync(string address, DigestContent content, int part, string idempotencyKey, CancellationToken cancellationToken) =>
        sender.SendAsync(address, TeamsDigestFormatter.Render(content)[part], cancellationToken);
}
