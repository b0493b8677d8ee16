using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Storage;

/// <summary>
/// The number of papers, counted again only when the <see cref="CorpusVersion"/> changed. COUNT(*) walks a whole index
/// (about 8 ms at a million papers) and every search and answer asks for it. One per database
/// (<see cref="SqliteConnectionFactory.PaperCount"/>), shared by everything that asks.
/// </summary>
public sealed class PaperCount
{
    private sealed record Counted(CorpusVersion Version, int Papers);

    private Counted? _counted;

    public int Of(SqliteConnection connection)
    {
        // The version is read before the count, so a run committing in between leaves a count at least as new as
        // its version, and the next call counts again.
        var version = CorpusVersion.Read(connection);
        if (_counted is { } counted && counted.Version == version)
        {
            return counted.Papers;
        }
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM papers";
        var papers = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        _counted = new Counted(version, papers);
        return papers;
    }
}
