namespace PaperBot.Host.Cli;

public enum DoctorVerdict
{
    Ok,
    /// <summary>Works, but the operator should know (development mode, a migration at next start).</summary>
    Note,
    /// <summary>Something will not work until it is fixed.</summary>
    Problem,
}
