namespace PaperBot.Core.Retrieval;

/// <summary>How a metadata question wants its papers ordered.</summary>
public enum MetadataOrder
{
    /// <summary>Newest first, the listing order people expect for "papers by X".</summary>
    Default,
    /// <summary>"the latest paper", "most recent papers": newest first, and only papers whose year is known.</summary>
    Newest,
    /// <summary>"the most upvoted paper": by upvotes, only papers that have a count.</summary>
    MostUpvoted,
    /// <summary>"the oldest paper", "earliest papers": oldest first, and only papers whose year is known.</summary>
    Oldest,
    /// <summary>"which paper has the longest author list?": by the author count the listing gives, most first; only
    /// papers that give one.</summary>
    MostAuthors,
    /// <summary>"the paper with the fewest authors": by the author count, fewest first; only papers that give one.</summary>
    FewestAuthors,
}
