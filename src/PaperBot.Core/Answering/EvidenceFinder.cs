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

    public Task<AnswerEvidence> FindAsync(string question, CancellationToken cancellationToken = default) =>
        FindAsync(question, describesOnePaper: false, cancellationToken);

    /// <summary>The evidence for a description of one paper ("the study that splits self-correction into confidence and
    /// critique", from a fact question): never read as a theme, whose term the papers must write.</summary>
    public Task<AnswerEvidence> FindDescribedAsync(string description, CancellationToken cancellationToken = default) =>
        FindAsync(description, describesOnePaper: true, cancellationToken);

    private async Task<AnswerEvidence> FindAsync(string question, bool describesOnePaper, CancellationToken cancellationToken)
    {
        var focus = QuestionFocus.Of(QuestionText.Bounded(question));
        var several = AsksForSeveral(focus);
        // "what are the main approaches to making LLM reasoning cheaper?" is searched as "LLM reasoning cheaper?": the
        // frame's words are no subject words (the frame still says the question wants several papers).
        var searched = QuestionFrame.Without(focus);
        var listed = options.Value.TopicMaxPapers;
        if (ReadingRequest.Match(focus) is { Success: true } reading && Tokenizer.ContentWords(focus[reading.Length..]).Count > 0)
        {
            // "recommend me 3 papers to read on preference optimization": the papers on the subject after the request,
            // as many as asked for; "recommend" and "read" are no subject words ("Recommendation of Music Playlists").
            searched = focus[reading.Length..];
            several = true;
            listed = reading.Groups["n"].Success && CountOf(reading.Groups["n"].Value) is { } n ? Math.Clamp(n, 1, options.Value.TopicMaxPapers) : listed;
        }
        var embedding = await embedder.EmbedAsync(searched, cancellationToken);
        // "model merging - what do we have?", "papers on tree search": the terms the theme is typed in.
        var (themeTerms, longTheme) = describesOnePaper ? ([], false) : ThemeTermsOf(focus, searched, several);
        var written = themeTerms.OfType<string>().Select(RankedForm).ToList();
        var result = searcher.Search(searched, Ranked, embedding, manyPapers: several, themeTerms: written, themeWords: themeTerms.OfType<string>().ToList());
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
        if (Tokenizer.ContentWords(focus).Count == 0)
        {
            // "what is the", "and or but": every abstract writes such words, and the one holding most of them is no answer.
            decision = AbstentionDecision.Decline("the question has only stop words");
        }
        if (decision.AsksForHalves)
        {
            decision = abstention.Decide(result, await HalfRanksAsync(searched, result, cancellationToken));
        }
        if (decision.Answer && !longTheme && AbsentTerm(themeTerms, result) is { } absent)
        {
            // "neural architecture search - do we have any?": every word is common in the papers (coverage 0.64, a
            // middling passage), but no paper writes them together, so none is on the theme.
            decision = AbstentionDecision.Decline($"no paper writes the theme's words together: {absent}", [absent])
                with { AbsentName = string.Join(" or ", absent.Split(" or ").Select(t => AsWritten(focus, t))) };
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
            : sharing ?? (several || themeOnly
                // "papers about conflicting gradiants…": a word no paper writes (a typo, an unknown term) is covered by
                // none, so the list's coverage is of the words the papers can hold; it left the best paper alone.
                ? Closest(result.Hits, listed, result.UnfamiliarShare, list: true)
                : Closest(result.Hits, options.Value.MaxPapers));
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

    // "recommend me 3 papers to read on X", "suggest some good papers about X", "what should I read on X", "good papers on X".
    private static Regex ReadingRequest => field ??= new(@"^\W*(?:(?:can|could|would)\s+you\s+|please\s+)?(?:(?:recommend|suggest)\s+(?:me\s+|us\s+)?(?:(?<n>\d+|two|three|four|five|six|seven|eight)\s+|some\s+|a\s+few\s+)?(?:good\s+|great\s+|key\s+|essential\s+|must[\s-]read\s+)?papers?\s+(?:(?:i|we)\s+should\s+read\s+|to\s+read\s+|worth\s+reading\s+)?|what\s+should\s+(?:i|we)\s+read\s+|(?:any\s+)?(?:good|great)\s+papers\s+)(?:on|about|for|regarding|in)\s+", RegexOptions.IgnoreCase);

    /// <summary>The number of papers asked for: a word, or ASCII digits (a number too large for an int is as many as can be
    /// listed); null for digits of another script ("٣", "３"), which are read as no number.</summary>
    private static int? CountOf(string n)
    {
        if (n.All(char.IsAsciiDigit))
        {
            return int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) ? k : int.MaxValue;
        }
        var word = Array.IndexOf(["two", "three", "four", "five", "six", "seven", "eight"], n.ToLowerInvariant());
        return word >= 0 ? word + 2 : null;
    }

    // The most content words a theme holds; more describe one paper.
    private const int ThemeMaxWords = 8;

    // How far apart the words of a theme's term may be in a paper that writes them together: "merging of models".
    private const int TermWordsApart = 6;

    /// <summary>The theme's term when the theme is typed as terms (<see cref="ThemeTerms"/>) and no paper writes any of
    /// them together; null when some alternative is a word or a term a paper writes, or a passage is a near copy of the
    /// question (<see cref="AnsweringOptions.UnknownPhraseMinSimilarity"/>, as for a name no paper writes).</summary>
    private string? AbsentTerm(IReadOnlyList<string?> terms, SearchResult result)
    {
        if (terms.Count == 0 || terms.Any(t => t is null) || result.BestSimilarity >= options.Value.UnknownPhraseMinSimilarity)
        {
            return null;
        }
        // "Kahneman-Tversky optimization" is written "KTO": the name rules, which know the acronyms, judge such a term.
        if (terms.Any(t => Tokenizer.Words(t!).Any(result.SpelledOutWords.Contains)))
        {
            return null;
        }
        return terms.All(t => !WrittenTogether(t!)) ? string.Join(" or ", terms.Distinct(StringComparer.Ordinal)) : null;
    }

    /// <summary>The form of a term the ranking looks for: as typed when some paper writes it so, else its last two words
    /// when some paper writes those ("any papers on RLHF reward hacking?": five abstracts write "reward hacking", none
    /// "RLHF reward hacking"; the word in front narrows the term and is weighed as one of the theme's other words).</summary>
    private string RankedForm(string term)
    {
        var words = term.Split(' ');
        if (words.Length < 3 || searcher.WritesPhrase(term))
        {
            return term;
        }
        var head = string.Join(' ', words[^2..]);
        return searcher.WritesPhrase(head) ? head : term;
    }

    /// <summary>Some paper writes the term's words together, or, for a longer term, its last two ("scientific peer review":
    /// "peer review"; a word in front narrows the term, the papers on the term are on the theme).</summary>
    private bool WrittenTogether(string term)
    {
        var words = term.Split(' ');
        return searcher.WritesTogether(term, TermWordsApart)
            || (words.Length >= 3 && searcher.WritesTogether(string.Join(' ', words[^2..]), TermWordsApart, HeadMaxShare, alsoWritten: string.Join(' ', words[..^2])));
    }

    // The share of the papers that may write a longer term's last two words for them to stand for it: "peer review" (4 of
    // 452) is the theme of "scientific peer review"; "language models" (292) says nothing of "diffusion language models".
    // And one of them must write the words in front too ("scientific", "RLHF"): the three papers writing "language" near
    // "translation" never write "sign", so they are not on sign language translation.
    private const double HeadMaxShare = 0.1;

    /// <summary>The terms of a theme question (<see cref="ThemeTerms"/>): one asking for papers ("papers on X", "X -
    /// anything?"), one typed as a theme alone ("X", "X - what do we have?"), or a request for a paper on something that
    /// is only terms ("is there a paper on X or Y?"); empty for any other question.</summary>
    /// <returns>The terms, and whether the theme is long: a long description ("a chatbot behave that drops the usual
    /// first round of imitating good replies and …") paraphrases one paper, whose own words may be others, so its opening
    /// is no term the papers must write (it still orders the papers that do write it).</returns>
    private (IReadOnlyList<string?> Terms, bool Long) ThemeTermsOf(string focus, string searched, bool several)
    {
        var opens = ThemeTerms.OpensWithRequest(focus, out var forPapers);
        // "diffusion language models (text generated by iterative denoising …) - got any?": a theme then a request for its
        // papers, however long the gloss that makes it more than a theme typed alone.
        var themeThenRequest = ThemeThenRequest.IsMatch(focus);
        if (!(several || AsksAfterTheTheme(focus) || WritesOnlyATheme(focus) || opens || themeThenRequest) || ThemeTerms.ThemeOf(searched) is not { } theme)
        {
            return ([], false);
        }
        var terms = ThemeTerms.Of(theme, searcher.WritesPhrase);
        var oneAsked = opens && !forPapers && !several && !AsksAfterTheTheme(focus) && !WritesOnlyATheme(focus) && !themeThenRequest;
        // "machine unlearning, i.e. making a trained model forget specific training data on request": the gloss restates
        // the theme, so the theme's length is its own.
        return (oneAsked && !ThemeTerms.OnlyTerms(theme, terms) ? [] : terms, Tokenizer.ContentWords(ThemeTerms.WithoutGloss(theme)).Count > ThemeMaxWords);
    }

    /// <summary>A term as the question writes it ("neural architecture search", "face-swap"), else as given.</summary>
    private static string AsWritten(string question, string term)
    {
        var pattern = string.Join(@"[\s\-]+", term.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
        var match = Regex.Match(question, $@"(?<![\p{{L}}\p{{N}}]){pattern}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? match.Value : term;
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

    // "papers on model merging": the six papers writing "model merging" are the papers on it, however their words score
    // (CycleQD's abstract is about agent skills and merges models in one sentence). A paper writing half the terms, or
    // the term without most of the words that narrow it, is not kept for that alone.
    private const double ThemeTermKept = 0.5;

    // A topic list keeps a paper holding this share of the best paper's coverage, when that is below the usual bar.
    private const double ListCoverageShare = 0.5;

    // With this many papers writing the theme's terms, the list is theirs alone.
    private const int ThemeTermWritersListed = 3;

    /// <summary>The best paper and the others that come close to it, and every paper writing the theme's terms
    /// (<see cref="SearchHit.ThemeTermMatch"/>); <paramref name="unfamiliarShare"/> is the share of the
    /// question's words no paper writes, which no paper's coverage can hold.</summary>
    private List<SearchHit> Closest(IReadOnlyList<SearchHit> hits, int maxPapers, double unfamiliarShare = 0, bool list = false)
    {
        if (hits.Count == 0)
        {
            return [];
        }
        var o = options.Value;
        var best = hits[0].Score;
        // "agents that operate phones, apps or web pages?": the best paper itself holds half the question's weight (0.52);
        // a list keeps a paper holding half as much as the best one, as a question about one paper keeps one near the bar.
        var coverageBar = o.MinCoverage * (1 - unfamiliarShare);
        if (list)
        {
            coverageBar = Math.Min(coverageBar, hits[0].Coverage * ListCoverageShare);
        }
        if (hits.Count(h => h.ThemeTermMatch >= ThemeTermKept) >= ThemeTermWritersListed)
        {
            // "any papers on RLHF reward hacking?": five abstracts write "reward hacking"; the RLHF papers that do not
            // are on RLHF, not on the theme, and took the list's places from them.
            return hits.Where((h, i) => i == 0 || h.ThemeTermMatch >= ThemeTermKept).Take(maxPapers).ToList();
        }
        return hits
            .Where((h, i) => i == 0 || h.ThemeTermMatch >= ThemeTermKept
                || (h.Score >= best * o.RelativeScoreCut && (h.Coverage >= coverageBar || h.EmbeddingSimilarity >= o.MinEmbeddingSimilarity)))
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
        // "mcts + llms - what do we have?": the theme, then a request for what the list holds on it.
        var theme = ThemeThenRequest.Replace(question, "");
        var words = theme.Trim().TrimEnd('?', '!', '.', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // A bare phrase counts the words that carry the theme: "agents that operate phones, apps or web pages" is six
        // ("that", "or" carry none). One opened by an article describes one thing ("a benchmark for testing the
        // scorers…"): every word counts.
        var counted = OpensWithArticle.IsMatch(theme) ? words.Count
            : words.Count(w => w.Any(char.IsLetterOrDigit) && !LinkWord.IsMatch(w));
        return words.Count > 0 && counted is > 0 and <= ThemeOnlyMaxWords && !NotOnlyATheme.IsMatch(theme)
            && ContentQuestionReader.Read(theme).Kind == ContentKind.General;
    }

    private const int ThemeOnlyMaxWords = 7;

    private static Regex LinkWord => field ??= new(@"^(?:a|an|the|of|for|on|in|to|at|by|from|with|into|and|or|that|which)$", RegexOptions.IgnoreCase);

    private static Regex OpensWithArticle => field ??= new(@"^\W*(?:a|an|the|this|that)\s", RegexOptions.IgnoreCase);

    private static Regex ThemeThenRequest => field ??= new(@"\s*[-–—,:;]\s*(?:what\s+(?:do|did)\s+(?:we|you|i)\s+(?:have|got)|what\s+have\s+(?:we|you)\s+got|what\s+(?:does|did)\s+the\s+(?:list|corpus|collection)\s+(?:have|hold)|(?:do|did)\s+(?:we|you)\s+have\s+any(?:thing)?|(?:have\s+(?:we|you)\s+)?got\s+any(?:thing)?)(?:\s+(?:on|about)\s+(?:it|this|that))?\s*[?!.]*\s*$", RegexOptions.IgnoreCase);

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
