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
}
