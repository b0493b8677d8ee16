namespace PaperBot.Host.Reliability;

/// <summary>
/// One process's hold on one piece of accepted work: <paramref name="Token"/> is new at every accept and every claim,
/// so a replica whose work was taken over (or the same replica's older copy of it) no longer matches the journal and
/// may neither reply nor finish it.
/// </summary>
public sealed record WorkHold(string Channel, string Id, string Token)
{
    /// <summary>A token no other accept or claim will ever produce.</summary>
    public static string NewToken() => Guid.NewGuid().ToString("N");
}
