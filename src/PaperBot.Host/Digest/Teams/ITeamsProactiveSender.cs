namespace PaperBot.Host.Digest.Teams;

/// <summary>
/// The one thing the digest needs from the Teams connector client: send a message to a conversation whose reference
/// was stored when the bot was installed or last spoken to. Implemented by <see cref="TeamsConnectorProactiveSender"/>
/// with the connector client (<c>POST {serviceUrl}v3/conversations/{escaped id}/activities</c>, a bearer token only
/// for trusted service URLs).
/// </summary>
/// <remarks>
/// Contract: send one activity <c>{type: "message", textFormat: "markdown", text}</c>; return the activity id.
/// Throw <see cref="PaperBot.Core.Digest.DigestTargetGoneException"/> when no conversation reference is stored for the
/// id, or the bot was removed or blocked (403 MessageWritesBlocked, 404 conversation not found);
/// <see cref="PaperBot.Core.Digest.DigestNotPostedException"/> when the connector answered with an error after
/// retries (429/412/502/504 are retried inside the client); let timeouts propagate.
/// </remarks>
public interface ITeamsProactiveSender
{
    Task<string?> SendAsync(string conversationId, TeamsDigestMessage message, CancellationToken cancellationToken);
}
