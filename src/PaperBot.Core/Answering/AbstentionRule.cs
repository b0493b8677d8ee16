using Microsoft.Extensions.Options;
using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering;

/// <summary>
/// Decides whether the corpus can answer a (content) question, from the embedding similarity of the closest passage
/// together with the lexical match. Metadata questions never come here: they are routed first, and score low on
/// similarity by nature.
/// <list type="bullet">
/// <item>Without a complete dense ranking (no model, a model that failed, vectors still being computed) the keyword rule
/// alone decides: the best paper covers enough of the question's words, or enough rare ones. The failure is logged.</item>
/// <item>With one: a question naming something no paper mentions (AlphaFold, Mamba) is declined unless a passage is
/// very close; a question whose words the best paper holds (nearly) all of, or whose rare names the top papers write,
/// answers; otherwise a close passage answers,
/// and a middling one answers only when the keywords agree, or, for a long question, when each half of it finds the
/// same best paper (<see cref="AbstentionDecision.AsksForHalves"/>). Below the floor nothing else answers, whatever
/// words it shares ("capital" in "capitalizes").</item>
/// </list>
/// Thresholds suit the packaged MiniLM model (cosine); they were chosen with <c>paperbot eval</c> (docs/retrieval.md).
/// </summary>
public sealed class AbstentionRule(IOptions<AnsweringOptions> options)
{
    /// <param name="halfRanks">Where each half of a long question, embedded alone, ranks the best paper (null: not
    /// embedded, or beyond the ranking read); asked for through <see cref="AbstentionDecision.AsksForHalves"/>.</param>
    public AbstentionDecision Decide(SearchResult result, IReadOnlyList<int?>? halfRanks = null)
    {
        var o = options.Value;
        // The question is about one thing ("how does AlphaCode …", "what is toolformer") that no paper names in any
        // spelling: whatever the papers say on the topic, they do not say it about that. Passages on the same topic
        // come close ("Longformer's sliding window attention" is 0.58 from a sliding-window paper), so only a near copy
        // of a passage answers. Lexical, so it holds without the model too.
        // "how does whisper handle …": a countable noun written bare in the singular is a name, though an ordinary word.
        var unknownSubject = o.BareCountableSubjects ? result.UnknownBareSubject ?? result.UnknownSubject : result.UnknownSubject;
        if (unknownSubject is { } subject && !(result.BestSimilarity >= o.UnknownSubjectMinSimilarity))
        {
            return AbstentionDecision.Decline($"the question is about {subject}, which no paper mentions", [subject.ToLowerInvariant()]) with { AbsentName = subject };
        }
        if (result.Hits.Count == 0)
        {
            return AbstentionDecision.Decline("no paper matched");
        }
        var best = result.Hits[0];
        var lexical = best.Coverage >= o.MinCoverage || best.MatchedWeight >= o.MinMatchedWeight;
        if (result.BestSimilarity is not { } similarity || !result.DenseComplete)
        {
            return lexical ? AbstentionDecision.Answerable("keywords") : AbstentionDecision.Decline("keywords cover too little");
        }
        // "FAQ", "MCQ": an abbreviation English writes, or whose long form the papers write, is the question's vocabulary,
        // not a name of something the papers lack ("YOLO", "RWKV").
        var unknownNames = result.UnknownNames.Where(name => !OrdinaryAbbreviation(result, name, o)).ToList();
        if (unknownNames.Count > 0 && similarity < o.UnknownNameMinSimilarity)
        {
            var absent = AbstentionDecision.Decline("names no paper uses: " + string.Join(", ", unknownNames), unknownNames)
                with { AbsentName = AsWritten(result.Query, unknownNames[0]) };
            // "a gentle PCGrad-like projection", "AlphaGo-style lookahead": the question asks for something like the
            // name, not for it, so the name being in no paper does not decline it; the rest of the question decides,
            // and a decline still says which name no paper uses.
            if (o.LikenessNamesExempt && unknownNames.All(name => WrittenAsLikeness(result.Query, name)))
            {
                var onMatch = DecideOnMatch(result, best, similarity, lexical, halfRanks, o);
                return onMatch.Answer
                    ? onMatch with { Reason = $"{onMatch.Reason} (no paper uses {absent.AbsentName}, asked for as a likeness)" }
                    : onMatch.AsksForHalves ? onMatch : absent;
            }
            return absent;
        }
        return DecideOnMatch(result, best, similarity, lexical, halfRanks, o);
    }

    /// <summary>The rules after the unknown names: phrases no paper writes, then the lexical and dense match.</summary>
    private static AbstentionDecision DecideOnMatch(SearchResult result, SearchHit best, double similarity, bool lexical, IReadOnlyList<int?>? halfRanks, AnsweringOptions o)
    {
        // "Stable Diffusion XL": every word is common in the papers, the name is in none of them. The passages about
        // text-to-image benchmarks come close (0.66), so only a near copy of a passage answers.
        if (result.UnknownPhrases.Count > 0 && similarity < o.UnknownPhraseMinSimilarity)
        {
            return AbstentionDecision.Decline("names no paper writes: " + string.Join(", ", result.UnknownPhrases), result.UnknownPhrases)
                with { AbsentName = AsWritten(result.Query, result.UnknownPhrases[0]) };
        }
        // Words no paper uses that are ordinary English ("fruit", "dentist") may be a paraphrase's lay words rather than
        // the subject's own; OrdinaryUnfamiliarWeight says how much they count (1: fully, as in session 12).
        var unfamiliarShare = result.UnfamiliarShare - (1 - o.OrdinaryUnfamiliarWeight) * result.UnfamiliarOrdinaryShare;
        // The best paper holds (nearly) every word of the question, rare ones included: the model may simply not know
        // the words ("KTO for math" is 0.30 from Step-KTO's passages), and the keywords leave no doubt.
        if (best.Coverage >= o.KeywordsAloneCoverage)
        {
            return AbstentionDecision.Answerable("keywords cover the question");
        }
        // The mirror of the unknown-name rule: the question asks about rare names the top papers write ("how does
        // StableMoE work?", "compare LongHeads and LM-Infinite"); the model knows no such names, the keywords find them.
        if (result.RareNamesFound)
        {
            return AbstentionDecision.Answerable("the papers write the names it asks about");
        }
        // "large language models for protein design": most of the question's weight is in words no paper uses
        // ("protein"), and the best paper shares only the corpus's common words with it ("large language models",
        // "design"). MiniLM puts such a question near a paper on LLMs in general (0.49-0.63), so that closeness says
        // nothing about the subject asked; it needs the best paper to share some specific words too.
        var closeButUnfamiliar = unfamiliarShare >= o.UnfamiliarWordsShare && best.MatchedWeight < o.UnfamiliarCloseMinMatchedWeight;
        if (similarity >= o.MinEmbeddingSimilarity && !closeButUnfamiliar)
        {
            return AbstentionDecision.Answerable("close passage");
        }
        if (similarity >= o.MinEmbeddingSimilarity)
        {
            // The answer names the words no paper uses ("No paper in the 452 papers mentions protein; the closest are …").
            var absent = result.UnfamiliarWords.Select(w => AsWritten(result.Query, w)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return AbstentionDecision.Decline("passage close, but most of its words are in no paper and the best paper shares only common ones")
                with { AbsentName = absent.Count == 0 ? null : absent.Count == 1 ? absent[0] : string.Join(", ", absent[..^1]) + " or " + absent[^1] };
        }
        // The corpus knows (nearly) every word of the question: it is a paraphrase in the papers' own vocabulary, and a
        // middling passage is the paper put another way ("when someone asks a bot for several things in a single message").
        // It must share some specific words with the best paper, not only the corpus's commonest ones ("LLM agents").
        if (similarity >= o.FamiliarMinSimilarity && unfamiliarShare <= o.FamiliarWordsShare && best.MatchedWeight >= o.FamiliarMinMatchedWeight)
        {
            return AbstentionDecision.Answerable("middling passage, familiar words");
        }
        // Most of the question's weight is in words no paper uses ("robotic grasping with tactile sensors"): the words it
        // shares with the papers are the common ones, so they do not vouch for a middling passage.
        if (unfamiliarShare >= o.UnfamiliarWordsShare)
        {
            return AbstentionDecision.Decline("passage only middling and most of its words are in no paper");
        }
        if (similarity >= o.EmbeddingSimilarityFloor && lexical)
        {
            return AbstentionDecision.Answerable("passage and keywords");
        }
        // "getting models to write stories and poems that aren't all alike, by giving extra credit to examples that stand
        // out…": a middling passage (0.47) on a paper the keywords also put first or second, though they cover little of
        // a question in other words than the abstract's. Out-of-corpus questions near a paper come through the dense
        // ranking alone, or through the keywords with a passage further off.
        if (o.MiddlingKeywordRankMax > 0 && similarity >= o.MiddlingKeywordMinSimilarity && best.KeywordRank is { } keywordRank && keywordRank <= o.MiddlingKeywordRankMax)
        {
            return AbstentionDecision.Answerable("middling passage, the keywords rank the best paper near the top") with { Tentative = true };
        }
        // A paraphrase in chat words shares too few words with its paper for the keywords to vouch for it, but it is
        // written in the corpus's subject matter: close to every paper a little, not to one or two only.
        if (similarity >= o.CorpusLanguageMinSimilarity && result.MeanSimilarity >= o.CorpusLanguageMinMeanSimilarity)
        {
            return AbstentionDecision.Answerable("middling passage, question in the corpus's language") with { Tentative = true };
        }
        // A long paraphrase of one paper in other words than its abstract's: each half of it, embedded alone, still finds
        // that paper among the first few; a question about something no paper treats comes near the best paper through
        // one half only (the field's common words), and its other half finds other papers.
        if (o.HalvesMaxRank > 0 && similarity >= o.HalvesMinSimilarity && similarity >= o.EmbeddingSimilarityFloor)
        {
            if (halfRanks is null)
            {
                return AbstentionDecision.Decline("passage only middling and keywords cover too little") with { AsksForHalves = true };
            }
            var ranks = string.Join(", ", halfRanks.Select(r => r?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
            if (halfRanks.Count >= 2 && halfRanks.All(r => r <= o.HalvesMaxRank))
            {
                return AbstentionDecision.Answerable($"middling passage, each half of the question finds the best paper ({ranks})") with { Tentative = true };
            }
            return AbstentionDecision.Decline(halfRanks.Count == 0
                ? "passage only middling and keywords cover too little"
                : $"passage only middling and keywords cover too little (halves rank the best paper {ranks})");
        }
        return AbstentionDecision.Decline(similarity < o.EmbeddingSimilarityFloor ? "no passage is close" : "passage only middling and keywords cover too little");
    }

    /// <summary>"PCGrad-like", "AlphaGo-style", "YOLO-ish": the name is written as what something resembles.</summary>
    private static bool WrittenAsLikeness(string question, string lowered) =>
        System.Text.RegularExpressions.Regex.IsMatch(question,
            $@"(?<![\p{{L}}\p{{N}}]){System.Text.RegularExpressions.Regex.Escape(lowered)}[\-\u2010\u2011 ](?:like|style|esque|ish|inspired|type)(?![\p{{L}}\p{{N}}])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool OrdinaryAbbreviation(SearchResult result, string name, AnsweringOptions o) =>
        result.UnknownAbbreviations.FirstOrDefault(a => a.Name == name) is { } use
        && ((o.EverydayAbbreviationsKnown && use.Everyday)
            || (o.AbbreviationLongFormMinPapers > 0 && use.ExpansionPapers >= o.AbbreviationLongFormMinPapers));

    /// <summary>A name as the question writes it ("Stable Diffusion XL"), from its lower-cased words (a word of a longer
    /// name stands for the whole name); the words themselves when the question spells them apart some other way.</summary>
    private static string AsWritten(string question, string lowered)
    {
        // "Lake" of "Lake Tahoe", "Sistine" of "Sistine Chapel": the whole name the word is part of.
        if (NamedTerms.Phrases(question).FirstOrDefault(p => p.Contains(lowered)) is { } phrase)
        {
            lowered = string.Join(' ', phrase);
        }
        var pattern = string.Join(@"[\s\-]+", lowered.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(System.Text.RegularExpressions.Regex.Escape));
        var match = System.Text.RegularExpressions.Regex.Match(question, $@"(?<![\p{{L}}\p{{N}}]){pattern}(?![\p{{L}}\p{{N}}])", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        return match.Success ? match.Value : lowered;
    }
}
