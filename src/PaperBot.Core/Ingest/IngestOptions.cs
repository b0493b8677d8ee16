using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Ingest;

/// <summary>Limits and naming of ingested listing files (<c>Ingest:*</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>
    /// The most bytes read from one listing file (<c>Ingest:MaxFileBytes</c>, default 64 MiB). A saved listing page is
    /// a few megabytes at most; the cap is what keeps a mistake (a disk image, a link to <c>/dev/zero</c>) from filling
    /// memory. The file is refused, not truncated.
    /// </summary>
    [Range(1024, 1L << 30)]
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The folder file names are taken relative to (<c>Ingest:Root</c>, default the current directory): a listing's
    /// identity is its path under this folder (<c>corpus/000_….txt</c>), or its full path when it lies outside.
    /// Keep it the same for every ingest into one database, or the same file is known under two names.
    /// </summary>
    public string? Root { get; set; }
}
