namespace PaperBot.Host.Reliability;

/// <summary>
/// Acknowledged work not yet finished, now held by this process under <paramref name="Token"/>.
/// <see cref="ReplyInDoubt"/>: the process that held it had started sending its reply and was not heard from again,
/// so the reply may have reached the user; the channel must not send the answer a second time.
/// </summary>
public sealed record PendingWork(string Channel, string Id, DateTimeOffset ReceivedAt, string Payload, string Token)
{
    public bool ReplyInDoubt { get; init; }

    public WorkHold Hold => new(Channel, Id, Token);
}
