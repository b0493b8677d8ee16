namespace PaperBot.Core.Retrieval;

/// <summary>The outcome of a search: hits best first, or a message saying why nothing could be searched.</summary>
public sealed record SearchResult(string Query, IReadOnlyList<SearchHit> Hits, IReadOnlyList<string> Terms, int PapersSearched, string? Message = null)
{
    /// <summary>Cosine of the paper passage most similar to the question; null without an embedding for the question.</summary>
    public double? BestSimilarity { get; init; }

    /// <summary>How far the closest passage stands above the tenth paper's: a known paper stands out, a question about
    /// something absent finds many papers about equally (dis)similar.</summary>
    public double? SimilarityMargin { get; init; }

    /// <summary>Every paper had vectors when the question was ranked, so <see cref="BestSimilarity"/> speaks for the whole corpus.</summary>
    public bool DenseComplete { get; init; }

    /// <summary>With a complete dense ranking: the mean over every paper of its closest passage's cosine with the
    /// question, how near the question is to the corpus as a whole (a paraphrase of one of its papers in chat words is
    /// near many a little; a subject the corpus lacks is near one or two). Null otherwise.</summary>
    public double? MeanSimilarity { get; init; }

    /// <summary>Words the question writes as names (<see cref="NamedTerms"/>) that no paper contains, directly or through a bridge.</summary>
    public IReadOnlyList<string> UnknownNames { get; init; } = [];

    /// <summary>Those of <see cref="UnknownNames"/> written as abbreviations in capitals ("FAQ", "MCQs"), with what says
    /// whether they are ordinary vocabulary (an everyday abbreviation, a long form the papers write).</summary>
    public IReadOnlyList<AbbreviationUse> UnknownAbbreviations { get; init; } = [];

    /// <summary>Names of several words (<see cref="NamedTerms.Phrases"/>, "Stable Diffusion XL") that no paper writes as a
    /// phrase, although each word is in some paper.</summary>
    public IReadOnlyList<string> UnknownPhrases { get; init; } = [];

    /// <summary>What the question is about ("how does X …", "what is X", "X's …"), as written, when no paper writes it in
    /// any spelling and it is no ordinary word (<see cref="NamedTerms.Subjects"/>); null otherwise.</summary>
    public string? UnknownSubject { get; init; }

    /// <summary>As <see cref="UnknownSubject"/>, also counting an ordinary word written bare where English puts an article
    /// before a countable noun ("how does whisper handle …"; <see cref="QuestionSubject.Bare"/>): such a word is a name.</summary>
    public string? UnknownBareSubject { get; init; }

    /// <summary>The question writes names (<see cref="NamedTerms"/>), each one used by only a few papers (a rare
    /// name: DPO, StableMoE, LongHeads), and every one of them is in one of the top three hits.</summary>
    public bool RareNamesFound { get; init; }

    /// <summary>The question's words an acronym bridge spells out ("kahneman", "tversky" for KTO): the papers may write
    /// the acronym instead.</summary>
    public IReadOnlyCollection<string> SpelledOutWords { get; init; } = [];

    /// <summary>The IDF-weighted share of the question's words that no paper uses in any spelling, nor stands for through
    /// an acronym bridge (0 when the corpus knows every word, 1 when it knows none).</summary>
    public double UnfamiliarShare { get; init; }

    /// <summary>The part of <see cref="UnfamiliarShare"/> in ordinary English words (<see cref="Text.OrdinaryWords"/>:
    /// "fruit", "dentist"), as opposed to names and jargon.</summary>
    public double UnfamiliarOrdinaryShare { get; init; }

    /// <summary>The question's words that no paper uses in any spelling, nor stands for through a bridge (lower case, in
    /// the question's order): the words <see cref="UnfamiliarShare"/> counts.</summary>
    public IReadOnlyList<string> UnfamiliarWords { get; init; } = [];

    /// <summary>What the fusion read and made of it (each ranking before fusion and the fused order, with their scores,
    /// and the signals that set the weights), for evaluation; null when nothing was searched.</summary>
    public FusionTrace? Fusion { get; init; }

    /// <summary>The best coverage of the question's words among the top keyword hits (0–1).</summary>
    public double LexicalCoverage { get; init; }
}
