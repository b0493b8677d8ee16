using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering.Composition;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// The one way to the papers an answer draws on, for the extractive and the LLM answerer alike: the question's focus
/// (without instructions aimed at the bot) is embedded when a model is configured, searched, and the abstention rule
/// applied; of an answerable ranking, the best paper and those that come close to it are the evidence.
/// </summary>
public sealed class EvidenceFinder(PaperSearcher searcher, QuestionEmbedder embedder, AbstentionRule abstention, IOptions<AnsweringOptions> options)
{
    // The ranking kept with the evidence (the evaluation scores it, explanations show it); the evidence is taken from
    // its head, so a TopicMaxPapers above this still gives at most this many papers.
    private const int Ranked = 10;

    public async Task<AnswerEvidence> FindAsync(string question, CancellationToken cancellationToken = default)
    {
        var focus = QuestionFocus.Of((question ?? "").Trim());
        var several = AsksForSeveral(focus);
        // "what are the main approaches to making LLM reasoning cheaper?" is searched as "LLM reasoning cheaper?": the
        // frame's words are no subject words (the frame still says the question wants several papers).
        var searched = QuestionFrame.Without(focus);
        var embedding = await embedder.EmbedAsync(searched, cancellationToken);
        var result = searcher.Search(searched, Ranked, embedding, manyPapers: several);
        if (MentionQuestion.NameOf(focus) is { } name && PapersWritingName(searched, name, embedding) is { } writing)
        {
            return new AnswerEvidence(focus, writing, writing, result.PapersSearched)
            {
                Decision = AbstentionDecision.Answerable($"the papers write {name}"),
                BestSimilarity = result.BestSimilarity,
                SimilarityMargin = result.SimilarityMargin,
                UnfamiliarShare = result.UnfamiliarShare,
                Fusion = result.Fusion,
                MentionedName = name,
            };
        }
        var decision = abstention.Decide(result);
        if (decision.AsksForHalves)
        {
            decision = abstention.Decide(result, await HalfRanksAsync(searched, result, cancellationToken));
        }
        var sharing = decision.Answer && !several && AsksAboutASubject(focus, result.Hits) ? SharingSpecificWords(focus, result.Hits) : null;
        if (sharing is null && decision.Answer && !several && QuestionFrame.AsksWhatPeopleDo(focus))
        {
            // "how do people reduce hallucination in RAG?" writes no word rare enough to be specific, yet asks what the
            // field does: the papers close to the best one answer it, one line each, rather than one paper's method.
            var close = Closest(result.Hits, options.Value.SubjectMaxPapers);
            sharing = close.Count >= 2 ? close : null;
        }
        // "mixture of experts" typed on its own reads as a search box would: the papers on the theme. Ranked as a
        // question about one thing, so a paper the words name ("StableMoE", "the DeepSeekMoE paper") stays the answer.
        var themeOnly = decision.Answer && !several && sharing is null && WritesOnlyATheme(focus)
            && PaperNames.NamedBy(result.Hits.Take(options.Value.TopicMaxPapers).Select(h => h.Paper), focus) is null;
        IReadOnlyList<SearchHit> papers = !decision.Answer ? []
            : sharing ?? Closest(result.Hits, several || themeOnly ? options.Value.TopicMaxPapers : options.Value.MaxPapers);
        IReadOnlyList<SearchHit> ranked = result.Hits;
        if (decision.Answer && several && Alternatives(focus, searcher.WritesPhrase) is { } subjects)
        {
            // "papers on speculative decoding or model merging": either subject, so each is searched on its own and the
            // papers on each take turns; searched together, the one with the rarer words took every place.
            var each = new List<List<SearchHit>>();
            foreach (var subject in subjects)
            {
                var part = searcher.Search(subject, Ranked, await embedder.EmbedAsync(subject, cancellationToken), manyPapers: true);
                if (abstention.Decide(part).Answer)
                {
                    each.Add(Closest(part.Hits, options.Value.TopicMaxPapers));
                }
            }
            if (each.Count >= 2)
            {
                papers = TakingTurns(each).Take(options.Value.TopicMaxPapers).ToList();
                ranked = papers.Concat(result.Hits).DistinctBy(h => h.Paper.Id).Take(Math.Max(Ranked, papers.Count)).ToList();
            }
        }
        return new AnswerEvidence(focus, papers, ranked, result.PapersSearched)
        {
            Decision = decision,
            BestSimilarity = result.BestSimilarity,
            SimilarityMargin = result.SimilarityMargin,
            UnfamiliarShare = result.UnfamiliarShare,
            Fusion = result.Fusion,
            AboutSubject = sharing is not null,
            ThemeOnly = themeOnly,
        };
    }

    /// <summary>Every paper that writes the name (<see cref="MentionQuestion"/>), those closest to the question first; null
    /// when none does, or more than <see cref="AnsweringOptions.MentionMaxPapers"/> do (then it is a theme, ranked as one).</summary>
    private List<SearchHit>? PapersWritingName(string searched, string name, QueryEmbedding? embedding)
    {
        var max = options.Value.MentionMaxPapers;
        var writing = searcher.PapersWriting(name, max + 1);
        if (writing.Count == 0 || writing.Count > max)
        {
            return null;
        }
        var set = writing.ToHashSet();
        var hits = searcher.Search(searched, writing.Count, embedding, restrictTo: set.Contains, manyPapers: true).Hits.ToList();
        if (hits.Count < writing.Count)
        {
            hits.AddRange(searcher.Search(name, writing.Count, null, restrictTo: set.Contains).Hits.Where(h => !hits.Any(k => k.Paper.Id == h.Paper.Id)));
        }
        return hits.Count == 0 ? null : hits;
    }

    /// <summary>Where each half of a long question (<see cref="QuestionHalves"/>), embedded alone, ranks the best paper
    /// of the whole question's ranking; empty when the question has no halves or a half could not be embedded.</summary>
    private async Task<IReadOnlyList<int?>> HalfRanksAsync(string searched, SearchResult result, CancellationToken cancellationToken)
    {
        var halves = QuestionHalves.Of(searched, options.Value.HalvesMinWords);
        if (halves.Count < 2 || result.Fusion?.Rankings.GetValueOrDefault(FusionTrace.Fused) is not { Count: > 0 } fused)
        {
            return [];
        }
        var candidates = fused.Select(f => f.Seq).ToList();
        var ranks = new List<int?>();
        foreach (var half in halves)
        {
            if (await embedder.EmbedAsync(half, cancellationToken) is not { } embedding)
            {
                return [];
            }
            ranks.Add(searcher.DenseRankOf(embedding, fused[0].Seq, candidates));
        }
        return ranks;
    }

    /// <summary>The first of each list, then the second of each, and so on, each paper once.</summary>
    private static IEnumerable<SearchHit> TakingTurns(List<List<SearchHit>> lists)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lists.Max(l => l.Count); i++)
        {
            foreach (var list in lists.Where(l => i < l.Count && seen.Add(l[i].Paper.Id)))
            {
                yield return list[i];
            }
        }
    }

    /// <summary>"papers on RLHF or DPO", "anything about speculative decoding, early exiting or model merging?", "papers on
    /// image or video editing": the subjects a question asking for papers gives as alternatives, each made whole when
    /// they share a part written once (<see cref="CoordinatedSubjects"/>); null for one subject, or when the parts cannot
    /// be made whole (the question is then searched as one subject).</summary>
    /// <param name="writtenAsPhrase">Whether some paper writes the words in this order (<see cref="PaperSearcher.WritesPhrase"/>).</param>
    internal static IReadOnlyList<string>? Alternatives(string question, Func<string, bool>? writtenAsPhrase = null) =>
        SubjectAfterPreposition.Match(question) is { Success: true } m ? CoordinatedSubjects.Of(m.Groups["subject"].Value, writtenAsPhrase) : null;

    // The words after the first "on", "about"… to the end of the question: where "papers on X or Y" gives its subjects.
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex SubjectAfterPreposition => field ??= new(@"\b(?:on|about|regarding|covering|concerning|into|re)\s+(?<subject>[^?!.;]+?)\s*[?!.]*\s*$", RegexOptions.IgnoreCase);

    /// <summary>
    /// "how do reward models get hacked?", "why does narrow fine-tuning lead to emergent misalignment?", "what are the
    /// main approaches to model merging?": a how/why question, or one about approaches, whose subject is a theme rather
    /// than one paper's name. Several papers may treat it; <see cref="SharingSpecificWords"/> says whether they do.
    /// </summary>
    private static bool AsksAboutASubject(string focus, IReadOnlyList<SearchHit> hits)
    {
        var kind = ContentQuestionReader.Read(focus);
        return kind.Kind switch
        {
            // "how does the classifier decomposition framework for … work?", "what did the original emergent misalignment
            // paper find?": the definite article and a paper's or method's head noun point at one paper.
            ContentKind.Method or ContentKind.Finding => kind.Subject is { } subject && !OneThing.IsMatch(subject)
                && PaperNames.NamedBy(hits.Select(h => h.Paper), subject) is null,
            ContentKind.Topic => true,
            ContentKind.General => HowOrWhy.IsMatch(focus),
            _ => false,
        };
    }

    /// <summary>
    /// The best paper and the others near it in the ranking (at least <see cref="AnsweringOptions.SubjectScoreCut"/> of
    /// its score) that hold most of the question's specific words the best paper holds (<see cref="SpecificWords"/>): the
    /// papers that treat the subject, best first, up to <see cref="AnsweringOptions.SubjectMaxPapers"/>. Null when the
    /// best paper holds no specific word or no other paper shares them: the usual evidence then.
    /// </summary>
    private List<SearchHit>? SharingSpecificWords(string focus, IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count < 2)
        {
            return null;
        }
        var o = options.Value;
        var words = SpecificWords.ContentOf(focus);
        var weights = searcher.Weights(words);
        var specific = SpecificWords.Of(words, weights);
        if (specific.Count == 0)
        {
            return null;
        }
        double Held(SearchHit h) => SpecificWords.Held(specific, weights, TermWeights.StemsOf(h.Paper.Title + " " + h.Paper.Abstract));
        // A question that describes one paper in other words ("how do chatbots judge right and wrong when faced with
        // hundreds of ethical dilemmas written in Chinese") has many specific words, of which the best paper holds a few;
        // one about a theme has few, and the papers on it hold them.
        var best = Held(hits[0]);
        if (best <= 0 || best < SpecificWords.Held(specific, weights, specific.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal)) * o.SubjectWordsHeld)
        {
            return null;
        }
        var cut = hits[0].Score * o.SubjectScoreCut;
        var sharing = hits.Where((h, i) => i == 0 || (h.Score >= cut && Held(h) >= best * 0.5)).Take(o.SubjectMaxPapers).ToList();
        return sharing.Count >= 2 ? sharing : null;
    }

    private static Regex OneThing => field ??= new(@"^(?:the|this|that|their|its)\s.*\b(?:paper|study|survey|article|report|framework|method|model|approach|technique|system|benchmark|dataset|algorithm|architecture)\b", RegexOptions.IgnoreCase);

    private static Regex HowOrWhy => field ??= new(@"^\W*(?:and\s+|so\s+|but\s+)?(?:how|why)\b", RegexOptions.IgnoreCase);

    /// <summary>The best paper and the others that come close to it.</summary>
    private List<SearchHit> Closest(IReadOnlyList<SearchHit> hits, int maxPapers)
    {
        if (hits.Count == 0)
        {
            return [];
        }
        var o = options.Value;
        var best = hits[0].Score;
        return hits
            .Where((h, i) => i == 0 || (h.Score >= best * o.RelativeScoreCut && (h.Coverage >= o.MinCoverage || h.EmbeddingSimilarity >= o.MinEmbeddingSimilarity)))
            .Take(maxPapers)
            .ToList();
    }

    /// <summary>
    /// "any papers on…", "which papers…", "what do we have on…", "everything about…", "an overview of…": the person
    /// wants every clearly relevant paper, not the best one.
    /// </summary>
    internal static bool AsksForSeveral(string question) => SeveralPapers.IsMatch(question) || AsksAfterTheTheme(question);

    /// <summary>
    /// "semi-supervised learning with unlabeled data, any?", "click-through rate prediction - anything?", "chain-of-thought
    /// reasoning in other languages - what's there?", "work on training LLMs to refuse…": the theme first, the request for
    /// its papers after it, or "work on" in place of "papers on".
    /// </summary>
    internal static bool AsksAfterTheTheme(string question) => RequestAfterTheme.IsMatch(question) || WorkOn.IsMatch(question);

    /// <summary>
    /// "mixture of experts", "text-to-image generation?", "checkpointing for large distributed training runs": a theme
    /// written on its own, as into a search box, with no question word, verb of asking or request, and at most
    /// <see cref="ThemeOnlyMaxWords"/> words. "StableMoE" and "the alignment faking paper" are such phrases too; the
    /// caller checks that no paper is named by it.
    /// </summary>
    internal static bool WritesOnlyATheme(string question)
    {
        var words = question.Trim().TrimEnd('?', '!', '.', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 0 and <= ThemeOnlyMaxWords && !NotOnlyATheme.IsMatch(question)
            && ContentQuestionReader.Read(question).Kind == ContentKind.General;
    }

    private const int ThemeOnlyMaxWords = 7;

    // A question word, a verb of asking or telling, a clause's verb, or a sentence break: more than a theme.
    private static Regex NotOnlyATheme => field ??= new(@"^\W*(?:what|which|who|whom|whose|when|where|why|how|summari[sz]e|explain|describe|define|compare|tell|list|show|give|find|recommend|suggest|please|i|i'm|we|you|can|could|would|should)\b"
        + @"|\b(?:is|are|was|were|be|been|do|does|did|can|could|would|should|will|has|have|had|vs\.?|versus|paper|study|survey|article)\b|[.;:!?]\s+\S", RegexOptions.IgnoreCase);

    private static Regex RequestAfterTheme => field ??= new(@"\s*[-–—,:;.]\s*(?:which\s+papers|any(?:thing)?(?:\s+(?:here|there))?|what(?:'s|’s|\s+is)\s+(?:there|here|in\s+here))\s*[?!.]*\s*$", RegexOptions.IgnoreCase);

    private static Regex WorkOn => field ??= new(@"^\s*(?:(?:any|some|recent)\s+)?(?:work|research)\s+(?:on|about|into)\s", RegexOptions.IgnoreCase);

    private static Regex SeveralPapers => field ??= new(@"\b(papers|any\s+(?:papers?|work)|anything\s+(?:on|about)|what'?s\s+(?:in\s+)?here|which\s+(?:papers|works)"
        + @"|what\s+(?:do|does|did)\s+(?:we|you|the\s+(?:list|corpus|collection))\s+(?:have|got)\s+(?:on|about|for|in)"
        + @"|what(?:'s|\s+is)\s+(?:there|out\s+there|known)\s+(?:on|about|in)"
        + @"|(?:everything|all\s+(?:the\s+)?(?:work|research|studies))\s+(?:on|about|in)"
        + @"|(?:overview|survey|round-?up|roundup)\s+of"
        + @"|(?:show|list|give)\s+me\s+(?:everything|all|the\s+work|work|research)"
        + @"|(?:recent|latest|new|existing|prior)\s+(?:work|research|studies)\s+(?:on|about|into)"
        + @"|(?:research|studies)\s+(?:on|about|into))\b", RegexOptions.IgnoreCase);
}
