using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Storage;

/// <summary>Where the SQLite database lives (<c>PaperBot:Database</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "PaperBot";

    [Required(AllowEmptyStrings = false)]
    public string Database { get; set; } = "data/paperbot.db";

    /// <summary>Listing files ingested when the database is empty (<c>PaperBot:Corpus</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Corpus { get; set; } = "corpus";

    /// <summary>Copy the database aside before a schema migration (<c>PaperBot:BackupBeforeMigration</c>).</summary>
    public bool BackupBeforeMigration { get; set; } = true;

    /// <summary>Where those copies go (<c>PaperBot:BackupDirectory</c>); default: a backups folder beside the database.</summary>
    public string? BackupDirectory { get; set; }
}
