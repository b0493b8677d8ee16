using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering;

/// <summary>
/// What an answer may draw on: <see cref="Papers"/> are the papers that passed the abstention rule, best first
/// (empty when the bot declines, <see cref="Decision"/> says why); <see cref="Ranked"/> is the whole ranking they were taken from.
/// </summary>
public sealed record AnswerEvidence(string Question, IReadOnlyList<SearchHit> Papers, IReadOnlyList<SearchHit> Ranked, int PapersSearched)
{
    public bool Abstained => Papers.Count == 0;

    /// <summary>The abstention rule's verdict and its reason.</summary>
    public AbstentionDecision Decision { get; init; } = AbstentionDecision.Answerable("");

    /// <summary>Cosine of the closest passage; null without embeddings.</summary>
    public double? BestSimilarity { get; init; }

    /// <summary>Closest passage's cosine minus the tenth paper's; null without embeddings.</summary>
    public double? SimilarityMargin { get; init; }

    /// <summary>The IDF-weighted share of the question's words that no paper uses (<see cref="Retrieval.SearchResult.UnfamiliarShare"/>).</summary>
    public double? UnfamiliarShare { get; init; }

    /// <summary>What the fusion read and made of it (<see cref="Retrieval.FusionTrace"/>), for evaluation; null for answers not ranked by it.</summary>
    public Retrieval.FusionTrace? Fusion { get; init; }

    /// <summary>The question asks how or why about a theme several of the papers treat (they share its specific words):
    /// the answer gives each paper's sentence on it.</summary>
    public bool AboutSubject { get; init; }

    /// <summary>The question is a theme written on its own ("mixture of experts", "text-to-image generation?"), naming no
    /// paper: the answer lists the papers on it, one a line, as for "any papers on…".</summary>
    public bool ThemeOnly { get; init; }

    /// <summary>The name a "which papers use X?" question asks about (<see cref="MentionQuestion"/>); the evidence is every
    /// paper that writes it.</summary>
    public string? MentionedName { get; init; }
}
