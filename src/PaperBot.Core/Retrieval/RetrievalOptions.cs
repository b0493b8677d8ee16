using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// How the rankings are fused (<c>Retrieval:*</c>). Score fusion: each ranking's scores divided by its best (the
/// embeddings' spread between their deepest and best), weighted and summed. A weight of 0 switches a ranking off, which is how each one's
/// contribution was measured (see the README's retrieval section).
/// </summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>FTS5 BM25 over the question's words and their acronym bridges.</summary>
    [Range(0.0, 10.0)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>Latent semantic vectors learned from the corpus (no model, no service).</summary>
    [Range(0.0, 10.0)]
    public double CorpusVectorWeight { get; set; } = 0.3;

    /// <summary>Embeddings (the local model or the deployer's service), when configured: the weight when keywords cover the whole question.</summary>
    [Range(0.0, 10.0)]
    public double EmbeddingWeight { get; set; } = 1.0;

    /// <summary>The corpus vectors' weight for a question asking for every paper on a theme ("which papers…", "anything
    /// on…"): they place papers by the corpus's own topics, and carry such questions better than by the best passage.</summary>
    [Range(0.0, 10.0)]
    public double TopicCorpusVectorWeight { get; set; } = 0.9;

    /// <summary>The keyword ranking's best paper stays first, whatever the other rankings say, when the second keyword
    /// score is at most this share of the best (a decisive keyword match); 0 switches it off.</summary>
    [Range(0.0, 1.0)]
    public double DecisiveKeywordRatio { get; set; } = 0.7;

    /// <summary>A paper whose title holds this many of the question's content words or more as one run of the question,
    /// in the question's order ("the theoretical understanding of chain-of-thought paper"), and the only title that does,
    /// is the paper named: it stays first, as a decisive keyword match does. 0 switches it off.</summary>
    [Range(0, 20)]
    public int TitlePhraseMinWords { get; set; } = 3;

    /// <summary>Added to the fused score of a paper that writes the compounds the question hyphenates ("text-to-video",
    /// "multi-hop"; this much when it writes all of them), so it outranks papers that only have the words apart
    /// ("text" here, "video" there). Only compounds at most 5% of the papers write count ("fine-tuning" does not). The best keyword match adds 1 (<see cref="KeywordWeight"/>). 0 switches it off.
    /// Below <see cref="PruneCommonTermsAbove"/> papers only: a phrase query reads its words' positions in full.</summary>
    [Range(0.0, 10.0)]
    public double CompoundPhraseBonus { get; set; } = 0.3;

    /// <summary>How much more the embeddings count when the keywords cover none of the question: the weight grows
    /// linearly to EmbeddingWeight × (1 + this) as lexical coverage falls to 0.</summary>
    [Range(0.0, 10.0)]
    public double EmbeddingLowCoverageBoost { get; set; } = 1.0;

    /// <summary>Bridge acronyms and long forms with the dictionary mined at ingest and the question's initials.</summary>
    public bool AcronymBridges { get; set; } = true;

    /// <summary>Bridge lay words to the field's words with the glossary <c>lay-terms.tsv</c> ("chatbot" → "LLM",
    /// "output layer" → "head") for the keyword search and coverage.</summary>
    public bool LayTermBridges { get; set; } = true;

    /// <summary>Embed the question with the field's words for its lay words appended, those the corpus does not write
    /// everywhere (not "LLM").</summary>
    public bool EmbedLayTerms { get; set; } = true;

    /// <summary>Rank the papers by the question embedded with its lay words written as the field writes them ("my
    /// chatbot gives different replies" as "my language model gives different response"), rather than with rare forms
    /// appended; whether the corpus is close enough to answer is still judged on the question as written. Off: it gains
    /// on the tuning files but lost 3 known items on held-out-1 and -3 (docs/retrieval.md, session 14).</summary>
    public bool EmbedLayTermsInPlace { get; set; } = false;

    /// <summary>Embed the question with its acronym bridges appended, so the embedding reads the form the papers write.</summary>
    public bool EmbedBridges { get; set; } = true;

    /// <summary>From this many papers on, the keyword match keeps the rarest words within <see cref="KeywordRowBudget"/>
    /// and common words' document frequencies are estimated (speed).</summary>
    [Range(0, int.MaxValue)]
    public int PruneCommonTermsAbove { get; set; } = 20_000;

    /// <summary>In a large corpus, how many postings (the sum of the matched words' document frequencies) one keyword
    /// search may score; FTS5 takes about a microsecond per posting.</summary>
    [Range(1, int.MaxValue)]
    public int KeywordRowBudget { get; set; } = 10_000;

    /// <summary>How deep each ranking is read before fusion.</summary>
    [Range(10, 1000)]
    public int CandidateDepth { get; set; } = 100;
}
