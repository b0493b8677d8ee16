namespace PaperBot.Host.Cli;

/// <summary>One line of <c>paperbot doctor</c>: what was checked, what was found, and for a problem, the fix.</summary>
public sealed record DoctorFinding(DoctorVerdict Verdict, string Subject, string Message, string? Fix = null)
{
    public override string ToString() => Verdict switch
    {
        DoctorVerdict.Problem => $"PROBLEM  {Subject}: {Message}" + (Fix is null ? "" : $" Fix: {Fix}"),
        DoctorVerdict.Note => $"note     {Subject}: {Message}",
        _ => $"ok       {Subject}: {Message}",
    };
}
