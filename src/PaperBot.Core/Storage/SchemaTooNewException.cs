namespace PaperBot.Core.Storage;

/// <summary>
/// The database was written by a newer PaperBot (its schema version is above every migration this build knows), so
/// this build refuses to open it rather than misread it.
/// </summary>
public sealed class SchemaTooNewException : InvalidOperationException
{
    public SchemaTooNewException()
    {
    }

    public SchemaTooNewException(string message) : base(message)
    {
    }

    public SchemaTooNewException(string message, Exception inner) : base(message, inner)
    {
    }

    public SchemaTooNewException(int version, int latest)
        : base($"The database is at schema version {version}, newer than this build of PaperBot knows ({latest}). Upgrade PaperBot.")
    {
        Version = version;
        Latest = latest;
    }

    public int Version { get; }

    public int Latest { get; }
}
