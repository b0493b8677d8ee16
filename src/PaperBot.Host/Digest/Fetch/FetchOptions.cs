using System.ComponentModel.DataAnnotations;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>Optional fetchers of new papers (<c>Fetch:*</c>); both are off by default.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetch";

    public bool HuggingFaceEnabled { get; set; }

    [Required, Url]
    public string HuggingFaceBaseUrl { get; set; } = "https://huggingface.co";

    public bool ArxivEnabled { get; set; }

    [Required, Url]
    public string ArxivBaseUrl { get; set; } = "https://export.arxiv.org";

    /// <summary>The arXiv API's search_query.</summary>
    [Required]
    public string ArxivQuery { get; set; } = "cat:cs.CL OR cat:cs.LG";

    [Range(1, 500)]
    public int ArxivMaxResults { get; set; } = 50;

    [Range(5, 24 * 60)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Where fetched listings are written before they are ingested, so every paper has a source file.</summary>
    [Required]
    public string Folder { get; set; } = "data/fetched";
}
