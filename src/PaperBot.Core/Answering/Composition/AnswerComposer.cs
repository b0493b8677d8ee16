using Microsoft.Extensions.Options;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// Puts an extractive answer together in the shape the question asks for (see <see cref="ContentKind"/>), from
/// abstract sentences that stand alone (<see cref="SentenceHygiene"/>), citing each paper it draws on. Retrieval and
/// abstention happen before: the composer gets the evidence papers, best first.
/// </summary>
public sealed partial class AnswerComposer(PaperSearcher searcher, IOptions<AnsweringOptions> options)
{
    // About one rare question word: enough to prefer the sentence with the figure among equally relevant ones.
    private const double FigureBonus = 3.0;
    // When the paper that introduced a method is not in the corpus, the answer lists papers that use it instead: a few
    // leads, one line each, not every paper that mentions the name.
    private const int MaxBuilders = 5;

    /// <summary>The composed sentences and citations, or null when the composer has nothing to say (the caller abstains).</summary>
    public ComposedAnswer? Compose(string question, ContentQuestion kind, IReadOnlyList<Paper> evidence, bool focused = false)
    {
        if (evidence.Count == 0)
        {
            return null;
        }
        var context = new QuestionWords(question, searcher);
        var draft = new AnswerDraft(options.Value.MaxAnswerCharacters);
        var answered = false;
        if (kind.Kind is not (ContentKind.Topic or ContentKind.Subject or ContentKind.Compare or ContentKind.Origin)
            && QuestionAsks.Of(question) is { Count: >= 1 } asks
            && (asks.Count >= 2 || QuestionAsks.CueOf(asks[0]) is var cue
                && (cue.HasFlag(AskCue.LongForm) || cue.HasFlag(AskCue.Link) || cue.HasFlag(AskCue.Name) && kind.Kind is ContentKind.Figure or ContentKind.General)))
        {
            // "…: how many BLEU points did it gain, and what is the model called?": each ask's own sentence first, in the
            // question's order; a sentence chosen for the whole question's words would answer one ask and repeat it.
            // "what does LRM stand for?", "what's the name of the strategy that…", "which problem do they suffer from?"
            // ask one thing no other shape looks for: the sentence spelling LRM out, the sentence giving the name. ("what is
            // Model Zoo about?" asks for a summary, whatever names it holds.)
            var paper = focused ? evidence[0] : Named(kind.Subject, evidence, focused);
            answered = EachAsk(draft, asks, paper);
            if (answered && asks.All(a => QuestionAsks.AsksWhatCalled(a) || QuestionAsks.CueOf(a) == AskCue.Link))
            {
                Confirm(draft, QuestionAsks.DescriptionOf(question), paper);
            }
        }
        // When every ask got a sentence holding what it asks for (the figure, the name, the long form, the link), those
        // sentences are the answer: the usual answer after them would only make it longer.
        if (!answered && !Usual(draft, context, evidence, kind, focused))
        {
            return null;
        }
        if (draft.Papers.Count == 0)
        {
            General(draft, context, evidence);
        }
        var (sentences, citations) = draft.Build();
        return sentences.Count == 0 ? null : new ComposedAnswer(sentences, citations, null);
    }

    /// <summary>
    /// The sentences of <paramref name="paper"/>'s abstract that answer <paramref name="asks"/>, each ask's own, in the
    /// order asked: the content asks of a question whose other asks the listing answers ("LIONs - which base models did
    /// they start from and where's the repo?").
    /// </summary>
    public IReadOnlyList<string> SentencesFor(IReadOnlyList<string> asks, Paper paper)
    {
        var draft = new AnswerDraft(options.Value.MaxAnswerCharacters);
        EachAsk(draft, asks, paper);
        return draft.Build().Sentences.Select(s => s.Text).ToList();
    }

    /// <summary>The answer in the shape the question's kind asks for; false when an origin question finds nothing (abstain).</summary>
    private bool Usual(AnswerDraft draft, QuestionWords context, IReadOnlyList<Paper> evidence, ContentQuestion kind, bool focused)
    {
        switch (kind.Kind)
        {
            case ContentKind.Topic when evidence.Count > 1:
                Topic(draft, context, evidence);
                break;
            case ContentKind.Subject when evidence.Count > 1:
                Subject(draft, context, evidence);
                break;
            case ContentKind.Origin when kind.Subject is { } subject:
                if (!Origin(draft, context, evidence, subject))
                {
                    return false;
                }
                break;
            case ContentKind.Finding:
                OnePaper(draft, context, Named(kind.Subject, evidence, focused), kind.AsksForContribution ? SentenceRole.Contribution : SentenceRole.Result);
                break;
            case ContentKind.Method:
                OnePaper(draft, context, Named(kind.Subject, evidence, focused), SentenceRole.Method);
                break;
            case ContentKind.Compare when Sides(kind, evidence, focused) is { } sides:
                Compare(draft, context, sides.A, sides.B);
                break;
            case ContentKind.Figure:
                Figure(draft, context, evidence, kind);
                break;
            case ContentKind.Summary when (focused ? evidence[0] : kind.Subject is { } named ? NamedPaper(named, evidence) : null) is { } paper:
                Summary(draft, context, paper);
                break;
            case ContentKind.Summary when evidence.Count > 1 && kind.Subject is not null && !PaperNames.NameShaped(kind.Subject):
                // "tell me about continual relation extraction": a subject, not a paper's name; its papers, one a line.
                Topic(draft, context, evidence);
                break;
            default:
                if (focused && evidence.Count == 1 && context.Words.Count == 0)
                {
                    OnePaper(draft, context, evidence[0], SentenceRole.Result);
                }
                else
                {
                    General(draft, context, evidence);
                }
                break;
        }
        return true;
    }

    /// <summary>
    /// One line per paper: what it does or finds, so every channel shows a list (title, then the line). A background
    /// sentence (a definition several papers share) is no line; a paper whose best line says what another's already said
    /// gets its next best, and none when it has no other.
    /// </summary>
    private static void Topic(AnswerDraft draft, QuestionWords context, IReadOnlyList<Paper> evidence)
    {
        var read = evidence.Select(p => (Paper: p, Sentences: AbstractReader.Read(p.Abstract))).ToList();
        foreach (var (paper, sentences) in Grouped(read, context))
        {
            var candidates = sentences
                .Where(s => s.Display is not null && !s.Is(SentenceRole.Background))
                .OrderByDescending(s => (s.Is(SentenceRole.Contribution) ? 3 : 0) + (s.Is(SentenceRole.Result) ? 1.5 : 0) + Math.Min(context.Score(s), 6) * 0.3
                    - (s.Display!.Length > 300 ? 1 : 0) - (AbstractReader.ReleasesResources(s.Raw) ? 2 : 0))
                .ThenBy(s => s.Index)
                .Concat(sentences.Where(s => s.Display is not null).OrderByDescending(context.Score));
            var line = candidates.FirstOrDefault(s => !draft.NearDuplicateOf(s.Display!) && !draft.NearDuplicateOf(Labelled(paper, s.Display!)));
            if (line is null)
            {
                continue;
            }
            if (!draft.Add(Labelled(paper, line.Display!), [paper]) && draft.Papers.Count > 0)
            {
                break; // over the channel budget: fewer papers, whole sentences
            }
        }
    }

    /// <summary>Papers in evidence order, except that a paper follows the one it is most like (shared title words), so related work sits together.</summary>
    private static IEnumerable<(Paper Paper, IReadOnlyList<AbstractSentence> Sentences)> Grouped(
        List<(Paper Paper, IReadOnlyList<AbstractSentence> Sentences)> read, QuestionWords context)
    {
        var remaining = read.ToList();
        var stems = read.ToDictionary(r => r.Paper.Id, r => TermWeights.StemsOf(r.Paper.Title).Where(s => !context.Stems.Contains(s)).ToHashSet(), StringComparer.Ordinal);
        var current = remaining[0];
        remaining.RemoveAt(0);
        yield return current;
        while (remaining.Count > 0)
        {
            var mine = stems[current.Paper.Id];
            var next = remaining
                .Select((r, i) => (r, i, Shared: stems[r.Paper.Id].Count(mine.Contains)))
                .OrderByDescending(x => x.Shared >= 2 ? 1 : 0)
                .ThenBy(x => x.i)
                .First();
            current = next.r;
            remaining.RemoveAt(next.i);
            yield return current;
        }
    }

    /// <summary>"Which paper introduced X": the paper that says it brings X in, with its key result; otherwise say the
    /// origin is not in the corpus and name what here builds on it. False (abstain) when nothing mentions X.</summary>
    private bool Origin(AnswerDraft draft, QuestionWords context, IReadOnlyList<Paper> evidence, string subject)
    {
        var names = Names(subject, evidence);
        var candidates = evidence.Concat(searcher.Search(subject, 10).Hits.Select(h => h.Paper)).DistinctBy(p => p.Id).ToList();
        foreach (var paper in candidates)
        {
            var sentences = AbstractReader.Read(paper.Abstract);
            // Titled after it: "Mirostat: A Neural Text Decoding…" introduced mirostat; "GRPO-CARE: …" did not introduce GRPO.
            var titled = names.Any(n => PaperNames.ShortName(paper) is { } s && PaperNames.Normal(s) == PaperNames.Normal(n))
                || names.Any(n => n.Length >= 4 && !paper.TitleDerived
                    && (paper.Title.StartsWith(n + " ", StringComparison.OrdinalIgnoreCase) || paper.Title.StartsWith(n + ":", StringComparison.OrdinalIgnoreCase)));
            var intro = sentences.FirstOrDefault(s => s.Display is not null && names.Any(n => PaperNames.Introduces(s.Raw, n)));
            if (intro is null && !titled)
            {
                continue;
            }
            intro ??= sentences.FirstOrDefault(s => s.Display is not null && s.Is(SentenceRole.Contribution)) ?? sentences.FirstOrDefault(s => s.Display is not null);
            if (intro is null)
            {
                continue;
            }
            draft.Add(Labelled(paper, intro.Display!, useTitle: true), [paper]);
            AddResults(draft, context, paper, sentences, exclude: intro, max: 2);
            return true;
        }
        var builders = candidates
            .Where(p => names.Any(n => PaperNames.Mentions(p.Title + ". " + p.Abstract, n)))
            .Take(MaxBuilders)
            .ToList();
        if (builders.Count == 0)
        {
            return false;
        }
        draft.Add($"The paper that introduced {subject} is not in the corpus; {(builders.Count == 1 ? "this paper builds on it" : "these papers build on it")}:", []);
        foreach (var paper in builders)
        {
            var sentences = AbstractReader.Read(paper.Abstract);
            var line = sentences
                .Where(s => s.Display is not null)
                .OrderByDescending(s => (s.Is(SentenceRole.Contribution) ? 3 : 0) + (names.Any(n => PaperNames.Mentions(s.Raw, n)) ? 2 : 0) + (s.Is(SentenceRole.Result) ? 1 : 0) - (s.Is(SentenceRole.Background) ? 2 : 0))
                .ThenBy(s => s.Index)
                .FirstOrDefault();
            if (line is not null && !draft.Add(Labelled(paper, line.Display!), [paper]))
            {
                break;
            }
        }
        return true;
    }

    /// <summary>The thing named and, for an acronym, the long forms the abstracts give it.</summary>
    private static IReadOnlyList<string> Names(string subject, IReadOnlyList<Paper> evidence)
    {
        var names = new List<string> { subject };
        var first = subject.Split(' ')[0];
        if (first != subject && first.Length >= 4 && first.Any(char.IsUpper) && first.Skip(1).Any(c => char.IsUpper(c) || char.IsDigit(c)))
        {
            names.Add(first); // "AlphaFold for protein structure prediction" is about AlphaFold
        }
        names.AddRange(PaperNames.LongForms(subject, evidence));
        return names;
    }

    /// <summary>The paper a question names ("what did Step-DPO find"), else the best evidence. A theme a title happens to
    /// hold ("how do reward models get hacked?") names no paper (<see cref="PaperNames.NamedBy"/>).</summary>
    private Paper Named(string? subject, IReadOnlyList<Paper> evidence, bool focused)
    {
        if (subject is null || focused)
        {
            return evidence[0];
        }
        return PaperNames.NamedBy(evidence, subject)
            ?? PaperNames.NamedBy(searcher.Search(subject, 5).Hits.Select(h => h.Paper), subject)
            ?? evidence[0];
    }

    /// <summary>The paper <paramref name="subject"/> names, among the evidence or the search for the name; null when it
    /// names none (a subject, not a paper).</summary>
    private Paper? NamedPaper(string subject, IReadOnlyList<Paper> evidence)
    {
        // A phrase several titles hold ("continual relation extraction") is their subject: the paper must be the only
        // one it names, or the one whose short name it is.
        var candidates = evidence.Concat(searcher.Search(subject, 5).Hits.Select(h => h.Paper)).DistinctBy(p => p.Id).ToList();
        var words = TermWeights.StemsOf(Bare(subject)).ToHashSet(StringComparer.Ordinal);
        if (words.Count > 0 && candidates.Count(p => words.IsSubsetOf(TermWeights.StemsOf(p.Title))) >= 2)
        {
            return null;
        }
        var named = candidates.Where(p => PaperNames.NamesPaper(p, subject)).ToList();
        return named.Count == 1 ? named[0]
            : named.FirstOrDefault(p => PaperNames.ShortName(p) is { } shortName && Bare(subject) == PaperNames.Normal(shortName));
    }

    /// <summary>"the Math-Shepherd paper" → "math shepherd": the name without the words that frame it as a paper.</summary>
    private static string Bare(string subject) =>
        string.Join(' ', PaperNames.Normal(subject).Split(' ').Where(w => w is not ("the" or "paper" or "papers" or "work" or "article" or "study")));

    /// <summary>
    /// A summary of one paper, as a colleague would give it: the problem it takes on (the gap its abstract states before
    /// its contribution, never the field's general background), what it proposes, one sentence of how, and its headline
    /// results, in the abstract's order and within the answer's length.
    /// </summary>
    private static void Summary(AnswerDraft draft, QuestionWords context, Paper paper)
    {
        var usable = AbstractReader.Read(paper.Abstract).Where(s => s.Display is not null && !s.Is(SentenceRole.LinkOnly)).ToList();
        if (usable.Count == 0)
        {
            return;
        }
        var ownName = PaperNames.ShortName(paper);
        // What the paper proposes: a "we propose" sentence, or one that defines the paper's own name ("PRefLexOR (…)
        // combines preference optimization with…"); the one naming it, then the earliest, first.
        bool NamesOwn(AbstractSentence s) => ownName is not null && PaperNames.Mentions(s.Raw, ownName, wholeToken: true);
        var contribution = usable.Where(s => (s.Is(SentenceRole.Contribution) || NamesOwn(s)) && !AbstractReader.ReleasesResources(s.Raw))
                .OrderByDescending(s => (NamesOwn(s) ? 2 : 0) + (s.Is(SentenceRole.Contribution) ? 1 : 0) - s.Index * 0.1)
                .FirstOrDefault()
            ?? usable.FirstOrDefault(s => !s.Is(SentenceRole.Background))
            ?? usable[0];
        var problem = usable.Where(s => s.Index < contribution.Index && AbstractReader.StatesGap(s.Raw)).OrderByDescending(s => s.Index).FirstOrDefault();
        var method = usable
            .Where(s => s.Index > contribution.Index && s.Is(SentenceRole.Method) && !s.Is(SentenceRole.Result) && !s.Is(SentenceRole.Background))
            .OrderBy(s => s.Index)
            .FirstOrDefault();
        var results = usable
            .Where(s => s != contribution && s != problem && s != method && s.Index > contribution.Index && s.Is(SentenceRole.Result) && !s.Is(SentenceRole.Background))
            .OrderByDescending(s => AbstractReader.Headline(s) + context.Score(s) * 0.3 + (AbstractReader.Concludes(s.Raw) ? 1 : 0))
            .ThenBy(s => s.Index)
            .Take(2)
            .ToList();
        // Without a stated result, what the paper identifies or argues after its contribution is the finding.
        if (results.Count == 0)
        {
            results = usable.Where(s => s.Index > contribution.Index && s != method && !s.Is(SentenceRole.Background) && !AbstractReader.ReleasesResources(s.Raw))
                .OrderByDescending(s => s.Index).Take(1).ToList();
        }
        var chosen = new[] { problem, contribution, method }.OfType<AbstractSentence>().Concat(results).DistinctBy(s => s.Index).OrderBy(s => s.Index);
        (int Index, string Text)? shown = null;
        foreach (var s in chosen)
        {
            // "This theory motivates our method…" shown right after the sentence it points back to reads as written: as
            // itself, not joined to a second copy of that sentence (which the draft merged away as a near-duplicate).
            var follows = shown is { } last && last.Index == s.Index - 1 && draft.Last == last.Text;
            var text = follows && SentenceHygiene.Standalone(s.Raw) is null ? s.Raw.Trim() : s.Display!;
            AddUnlessOverlapping(draft, text, paper);
            shown = (s.Index, text);
        }
    }

    /// <summary>
    /// "how do reward models get hacked?": one line per paper, the sentence that carries the most of the question's
    /// specific words ("hacking"), then of its other words; a sentence saying what the paper does is preferred among
    /// equals. A paper with no sentence holding a specific word is left out, as is one whose line says what another's did.
    /// </summary>
    private static void Subject(AnswerDraft draft, QuestionWords context, IReadOnlyList<Paper> evidence)
    {
        foreach (var paper in evidence)
        {
            var line = AbstractReader.Read(paper.Abstract)
                .Where(s => s.Display is not null && context.Specific(s) > 0)
                .OrderByDescending(s => 2 * context.Specific(s) + context.Score(s) + (s.Is(SentenceRole.Contribution) ? 0.5 : 0)
                    - (s.Is(SentenceRole.Background) ? 0.5 : 0) - (s.Display!.Length > 300 ? 1 : 0))
                .ThenBy(s => s.Index)
                .FirstOrDefault();
            if (line is null || draft.Has(line.Display!) || draft.Papers.Count > 0 && draft.NearDuplicateOf(line.Display!))
            {
                continue;
            }
            // "SpecDec++: …", but not "Beyond Correctness: While …": a title's head that is no name labels nothing.
            var text = PaperNames.ShortName(paper) is { } name && PaperNames.NameShaped(name) ? Labelled(paper, line.Display!) : line.Display!;
            if (!draft.Add(text, [paper]) && draft.Papers.Count > 0)
            {
                break; // over the channel budget: fewer papers, whole sentences
            }
        }
    }

    /// <summary>One paper: what it contributes, then what the question wants (results with their numbers, how it works,
    /// or its other contributions).</summary>
    private static void OnePaper(AnswerDraft draft, QuestionWords context, Paper paper, SentenceRole wanted)
    {
        var sentences = AbstractReader.Read(paper.Abstract);
        var usable = sentences.Where(s => s.Display is not null).ToList();
        var ownName = PaperNames.ShortName(paper);
        var contribution = usable.Where(s => s.Is(SentenceRole.Contribution))
                .OrderByDescending(s => context.Score(s) + (ownName is not null && PaperNames.Mentions(s.Raw, ownName, wholeToken: true) ? 2 : 0))
                .ThenBy(s => s.Index).FirstOrDefault()
            ?? usable.Where(s => !s.Is(SentenceRole.Background)).OrderByDescending(context.Score).ThenBy(s => s.Index).FirstOrDefault();
        var rest = wanted switch
        {
            SentenceRole.Method => usable
                .Where(s => s != contribution && s.Is(SentenceRole.Method) && !s.Is(SentenceRole.Background) && !(s.Is(SentenceRole.Number) && !s.Is(SentenceRole.Contribution)))
                // How it works is told after "we propose"; sentences before it describe what others did.
                .OrderByDescending(s => context.Score(s) + (s.Is(SentenceRole.Contribution) ? 1 : 0) + (contribution is not null && s.Index > contribution.Index ? 1 : 0))
                .ThenBy(s => s.Index)
                .Take(2),
            SentenceRole.Contribution => usable
                .Where(s => s != contribution && s.Is(SentenceRole.Contribution))
                .OrderBy(s => s.Index)
                .Take(2),
            _ => usable
                .Where(s => s != contribution && s.Is(SentenceRole.Result) && !s.Is(SentenceRole.Background))
                .OrderByDescending(s => AbstractReader.Headline(s) + context.Score(s) * 0.3)
                .ThenBy(s => s.Index)
                .Take(2),
        };
        var chosen = contribution is null ? new List<AbstractSentence>() : [contribution];
        chosen.AddRange(rest.OrderBy(s => s.Index));
        if (chosen.Count == 0 && usable.Count > 0)
        {
            chosen.Add(usable[0]);
        }
        foreach (var s in chosen.DistinctBy(s => s.Display))
        {
            AddUnlessOverlapping(draft, s.Display!, paper);
        }
    }

    private static void AddResults(AnswerDraft draft, QuestionWords context, Paper paper, IReadOnlyList<AbstractSentence> sentences, AbstractSentence exclude, int max)
    {
        var results = sentences
            .Where(s => s != exclude && s.Display is not null && s.Is(SentenceRole.Result) && !s.Is(SentenceRole.Background))
            .OrderByDescending(s => AbstractReader.Headline(s) + context.Score(s) * 0.3)
            .ThenBy(s => s.Index)
            .Take(max)
            .OrderBy(s => s.Index);
        foreach (var s in results)
        {
            AddUnlessOverlapping(draft, s.Display!, paper);
        }
    }

    /// <summary>
    /// For each ask of a question asking several things of one paper, the sentence of its abstract that answers that ask:
    /// the one holding most of the ask's own words (a word of the paper's title counting for little, as in
    /// <see cref="Figure"/>), with a number when the ask wants one, the name it gives when it wants a name, the long form
    /// of the short one asked about, or the link when it asks for the code. An ask for what something is called
    /// ("what do they call the loop", "what's the name of the strategy that…") takes a sentence that introduces a name
    /// beside the thing asked about before any sentence that merely describes the thing in the ask's words. A sentence
    /// too long to show gives the excerpt of its clauses that answers (after the sentence it points back to, when it
    /// does). Each sentence once, in the order of the asks. True when every ask got a sentence holding what it asks for.
    /// </summary>
    private bool EachAsk(AnswerDraft draft, IReadOnlyList<string> asks, Paper paper)
    {
        var read = AbstractReader.Read(paper.Abstract);
        var chosen = new List<AbstractSentence>();
        var answered = true;
        foreach (var ask in asks)
        {
            var words = new QuestionWords(ask, searcher);
            var cue = QuestionAsks.CueOf(ask);
            var names = cue.HasFlag(AskCue.Name) ? words.RareNames(read.SelectMany(s => PaperNamesGiven(s.Raw))) : new HashSet<string>(StringComparer.Ordinal);
            // "what does the acronym stand for" names no short form: the paper's own short name, else any spelled out.
            var shortForm = cue.HasFlag(AskCue.LongForm) ? QuestionAsks.ShortFormAsked(ask) ?? PaperNames.ShortName(paper) ?? "" : null;
            var thing = QuestionAsks.NamedThing(ask);
            // The thing as this abstract writes it: "the loop" the question asks about is the abstract's "cycle".
            // When it writes neither ("which metric do they fold into the reward model?" of an abstract that says "BLEU"
            // but never "metric"), no sentence can be told by the noun.
            IReadOnlyList<string> nouns = thing is null ? [] : read.Any(s => Holds(s, thing)) ? [thing]
                : QuestionAsks.NounsLike(thing).Where(n => read.Any(s => Holds(s, n))).ToList() is { Count: > 0 } alike ? alike : [];
            var called = cue.HasFlag(AskCue.Name) && QuestionAsks.AsksWhatCalled(ask);
            var proposedAt = read.FirstOrDefault(s => s.Is(SentenceRole.Contribution) && !s.Is(SentenceRole.Background))?.Index ?? -1;
            var kindOf = called && QuestionAsks.AsksWhatKind(ask);
            bool Gives(AbstractSentence s) => cue switch
            {
                _ when cue.HasFlag(AskCue.LongForm) => GivesLongForm(s.Raw, shortForm!),
                _ when cue.HasFlag(AskCue.Link) => s.Raw.Contains("http", StringComparison.OrdinalIgnoreCase) || s.Index >= ListingNoteIndex,
                _ when called => NamesBeside(s.Raw, nouns) || IntroducesName(s.Raw) || kindOf && nouns.Any(n => Holds(s, n)),
                _ when cue.HasFlag(AskCue.Name) => NameBonus(words, s, names) > 0 && (nouns.Count == 0 || nouns.Any(n => Holds(s, n))),
                _ when cue.HasFlag(AskCue.Number) => HoldsFigure(s),
                _ when cue.HasFlag(AskCue.Method) => s.Is(SentenceRole.Method) && !s.Is(SentenceRole.Background),
                _ when cue.HasFlag(AskCue.Finding) => StatesFinding(s),
                _ when cue.HasFlag(AskCue.Limitation) => OwnLimitation(s),
                _ => false,
            };
            double Score(AbstractSentence s) => words.ScoreWithin(s, paper) + words.AlikeScore(s)
                + (cue.HasFlag(AskCue.Number) && HoldsFigure(s) ? FigureBonus + words.CountsAskedThing(s) : 0)
                // "how does it work in a nutshell": the sentence saying how, after the one saying what it is.
                + (cue.HasFlag(AskCue.Method) && s.Is(SentenceRole.Method) && !s.Is(SentenceRole.Background) ? FigureBonus - (s.Is(SentenceRole.Result) ? 1 : 0) : 0)
                // "what pretraining objective does UL2 propose": the sentence proposing it gives the name, whether or not
                // the name looks like one ("Mixture-of-Denoisers").
                // "what is the new prompting strategy called": a name given in a sentence that says "strategy", not the
                // paper's own name given elsewhere.
                + (cue.HasFlag(AskCue.Name) && !kindOf && (nouns.Count == 0 || nouns.Any(n => Holds(s, n)))
                    ? NameBonus(words, s, names) + (s.Is(SentenceRole.Contribution) ? 1 : 0) : 0)
                // "This exploration-feedback-optimization cycle…" names the loop asked about in none of the ask's words.
                + (called && NamesBeside(s.Raw, nouns) ? FigureBonus : 0)
                + (kindOf && KindBeside(s.Raw, nouns, words) ? FigureBonus : 0)
                + (shortForm is not null && GivesLongForm(s.Raw, shortForm) ? FigureBonus : 0)
                + (cue.HasFlag(AskCue.Link) && (s.Raw.Contains("http", StringComparison.OrdinalIgnoreCase) || s.Index >= ListingNoteIndex) ? FigureBonus : 0)
                // "what did they see happen to exploration": the sentence saying what was found, over one that names the
                // same words while proposing something.
                + (cue.HasFlag(AskCue.Finding) ? (FindingVerb().IsMatch(s.Raw) ? FigureBonus : 0) + (StatesFinding(s) ? 1 : 0) : 0)
                + (cue.HasFlag(AskCue.Limitation) && OwnLimitation(s) ? FigureBonus : 0);
            // "whats the catch they admit": a limitation of the paper's own method, said after it is presented (before
            // that, "key limitations" are those of the work it improves on).
            bool OwnLimitation(AbstractSentence s) => s.Index > proposedAt && StatesLimitation(s.Raw);
            var best = (cue.HasFlag(AskCue.Link) && !read.Any(s => s.Raw.Contains("http", StringComparison.OrdinalIgnoreCase))
                    // "is there code?" of an abstract that gives no link: the listing says what it knows of the code.
                    ? [new AbstractSentence(ListingNoteIndex, ListingCode.Note(paper), SentenceRole.None, ListingCode.Note(paper))]
                    : read)
                // "Our code is available at https://…" is shown for nothing else, but answers "where's the code?".
                .Select(s => s.Display is not null ? s
                    : cue.HasFlag(AskCue.Link) && s.Is(SentenceRole.LinkOnly) ? s with { Display = s.Raw.Trim() }
                    : Better(AbstractReader.Excerpt(s, Score), s.Index > 0 ? AbstractReader.ExcerptAfter(read[s.Index - 1].Raw, s, Score) : null, Score))
                .OfType<AbstractSentence>()
                .Select(s => (Sentence: s, Score: Score(s)))
                .Where(x => x.Score > 0.05)
                // "what do they call the loop?": the sentence naming the cycle, however many of the ask's words another holds.
                // "what kind of translation": a kind is no new name; the sentence saying it may introduce none.
                .OrderByDescending(x => called ? NamesBeside(x.Sentence.Raw, nouns) ? 2 : !kindOf && IntroducesName(x.Sentence.Raw) ? 1 : 0 : 0)
                .ThenByDescending(x => x.Score)
                // A sentence already shown for an ask before that answers this one as well as any other does it once.
                .ThenByDescending(x => chosen.Any(c => c.Index == x.Sentence.Index) ? 1 : 0)
                .ThenBy(x => x.Sentence.Index)
                .Select(x => x.Sentence)
                .FirstOrDefault();
            // "… with rule-based rl, no human qa pairs. whats it called?": the paper's own name asked, which only its title
            // gives (the abstract writes no name of its own, and never the title's short name): the title answers.
            if (called && (thing is null || PaperItself.Contains(thing)) && PaperNames.ShortName(paper) is { } own
                && !read.Any(r => r.Raw.Contains(own, StringComparison.OrdinalIgnoreCase) || IntroducesName(r.Raw)))
            {
                var titled = $"It is {paper.Title}.";
                best = new AbstractSentence(ListingNoteIndex, titled, SentenceRole.None, titled);
                if (!chosen.Any(c => c.Index == best.Index))
                {
                    chosen.Add(best);
                }
                continue;
            }
            answered &= best is not null && cue != AskCue.None && Gives(best);
            if (best is null || chosen.Any(c => c.Index == best.Index || c.Display!.Contains(best.Display!, StringComparison.Ordinal)))
            {
                continue;
            }
            // A sentence shown with the one before it ("We propose ECHO… It consolidates… across three reasoning domains")
            // holds an ask's sentence chosen before: it takes that one's place, rather than being merged away as its repeat.
            var held = chosen.FindIndex(c => best.Display!.Contains(c.Display!, StringComparison.Ordinal));
            if (held >= 0)
            {
                chosen[held] = best;
                chosen.RemoveAll(c => c != best && best.Display!.Contains(c.Display!, StringComparison.Ordinal));
            }
            else
            {
                chosen.Add(best);
            }
        }
        foreach (var s in chosen)
        {
            AddUnlessOverlapping(draft, s.Display!, paper);
        }
        return answered && chosen.Count > 0;
    }

    /// <summary>
    /// "theres a paper where the model does a second chain of thought … and they even give a google colab guide. name?":
    /// the name alone does not show that the paper found is the one described. Unless the sentences chosen already hold
    /// half the description's words (by weight), the sentence of its abstract that best matches the description follows,
    /// when it holds at least two of them.
    /// </summary>
    private void Confirm(AnswerDraft draft, string description, Paper paper)
    {
        var words = new QuestionWords(description, searcher);
        if (words.Words.Count < MinDescriptionWords)
        {
            return;
        }
        var said = TermWeights.StemsOf(string.Join(' ', draft.Texts));
        var total = words.Words.Sum(w => words.Weights.Of(w));
        if (words.Words.Where(w => said.Contains(PorterStemmer.Stem(w))).Sum(w => words.Weights.Of(w)) >= total / 2)
        {
            return;
        }
        var best = AbstractReader.Read(paper.Abstract)
            .Where(s => s.Display is not null && !draft.Has(s.Display) && !draft.NearDuplicateOf(s.Display))
            .Select(s => (Sentence: s, Score: words.ScoreWithin(s, paper), Held: words.Words.Count(w => s.Stems.Contains(PorterStemmer.Stem(w)))))
            .Where(x => x.Held >= 2)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Sentence.Index)
            .FirstOrDefault();
        if (best.Sentence is { } confirming)
        {
            draft.Add(confirming.Display!, [paper]);
        }
    }

    // A description of fewer content words ("the CREAM paper") names the paper rather than describing it.
    private const int MinDescriptionWords = 4;

    /// <summary>"…, discovering that a model's exploratory capabilities rapidly deteriorate over iterations": a result, or a
    /// verb of finding followed by what was found.</summary>
    private static bool StatesFinding(AbstractSentence s) =>
        s.Is(SentenceRole.Result) && !s.Is(SentenceRole.Background) || FindingVerb().IsMatch(s.Raw);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:find|finds|found|finding|discover(?:s|ed|ing)?|observ(?:e|es|ed|ing)|reveal(?:s|ed|ing)?|show(?:s|ed|n|ing)?|notic(?:e|es|ed|ing)|demonstrat(?:e|es|ed|ing)|indicat(?:e|es|ed|ing)|suggest(?:s|ed|ing)?)\s+that\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex FindingVerb();

    /// <summary>"…, its generality makes decoding slower, an optimization we leave for future work": what the method costs
    /// or cannot do, as the authors admit it.</summary>
    private static bool StatesLimitation(string sentence) => Limitation().IsMatch(sentence);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:slower|slows?\s+down|overhead|costly|expensive|limitations?|limited\s+(?:to|by)|drawbacks?|downsides?|at\s+the\s+(?:cost|expense)\s+of|(?:leave|left)\s+(?:\w+\s+){0,3}?(?:for|to)\s+future\s+work|remains?\s+(?:a\s+)?(?:challenge|open|limited)|does\s+not\s+(?:scale|generalize|generalise)|fails?\s+to|cannot)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Limitation();

    /// <summary>Nouns by which an ask means the paper itself ("what's the paper called").</summary>
    private static readonly HashSet<string> PaperItself = new(StringComparer.Ordinal) { "paper", "work", "study", "preprint", "article" };

    // The place of a sentence the listing gives rather than the abstract: after every sentence of any abstract.
    private const int ListingNoteIndex = 100_000;

    /// <summary>The excerpt that scores higher; on a tie the one shown after the sentence it points back to (it reads whole).</summary>
    private static AbstractSentence? Better(AbstractSentence? alone, AbstractSentence? after, Func<AbstractSentence, double> score) =>
        alone is null ? after : after is null ? alone : score(after) >= score(alone) ? after : alone;

    /// <summary>A figure, not a list's "(1)" or "2)": "(1) high training costs …, and (2) the risk of performance degradation"
    /// gives no amount of the degradation.</summary>
    private static bool HoldsFigure(AbstractSentence s) =>
        s.Is(SentenceRole.Number) || Numeral().Matches(s.Raw).Any(m => !(m.Index + m.Length < s.Raw.Length && s.Raw[m.Index + m.Length] == ')' && m.Length <= 2));

    /// <summary>Whether the sentence holds the noun (any inflection).</summary>
    private static bool Holds(AbstractSentence sentence, string noun) => sentence.Stems.Contains(PorterStemmer.Stem(noun));

    /// <summary>
    /// Whether the sentence introduces a name beside one of <paramref name="nouns"/> (any noun when none is asked about):
    /// "a session-level metric called Normalized U-Measure", "our approach, which we call REFLEX", "Mixture-of-Denoisers
    /// (MoD), a pre-training objective", "this exploration-feedback-optimization cycle", "“error-correction” data".
    /// </summary>
    private static bool NamesBeside(string sentence, IReadOnlyList<string> nouns)
    {
        // Case matters for names ("\p{Lu}" would match any letter under IgnoreCase): only the nouns and verbs ignore it.
        var noun = nouns.Count == 0 ? @"[\p{L}-]+" : "(?i:(?:" + string.Join("|", nouns.Select(System.Text.RegularExpressions.Regex.Escape)) + ")(?:s|es)?)";
        // "<noun> called NAME", "<noun>, named NAME", "<noun> (named NAME)", "<noun>, which we call NAME", "a concept we term NAME".
        if (System.Text.RegularExpressions.Regex.IsMatch(sentence, $@"\b{noun}\b[^.;:]{{0,40}}?\b(?i:called|named|termed|dubbed|coined|known\s+as|(?:which\s+|that\s+)?we\s+(?:call|term|name|dub|refer\s+to\s+as))\s+[""“(]?\p{{L}}"))
        {
            return true;
        }
        // "NAME (ACR), a novel <noun>": the name with its short form, then what it is.
        if (System.Text.RegularExpressions.Regex.IsMatch(sentence, $@"\p{{Lu}}[^()]{{0,80}}\(\s*\p{{L}}[\p{{L}}\p{{N}}-]*\s*\)\s*,\s*(?i:a|an)\s+(?:[\w-]+\s+){{0,5}}?{noun}\b"))
        {
            return true;
        }
        // "a new prompting strategy Reflect-Critique-Refine": the name right after the noun.
        if (nouns.Count > 0 && System.Text.RegularExpressions.Regex.IsMatch(sentence, $@"\b{noun}\s+[""“]?(?:\p{{Lu}}[\p{{L}}\p{{N}}]*(?:-[\p{{L}}\p{{N}}]+)+|\p{{L}}+\p{{Lu}}[\p{{L}}\p{{N}}-]*|\p{{Lu}}{{2,}}[\p{{L}}\p{{N}}-]*)"))
        {
            return true;
        }
        // "we built SAFEFLOWBENCH, a comprehensive benchmark suite": a name-shaped word, then what it is.
        if (System.Text.RegularExpressions.Regex.IsMatch(sentence, $@"(?<![\p{{L}}\p{{N}}])(?:\p{{Lu}}{{2,}}[\p{{L}}\p{{N}}-]*|\p{{L}}+\p{{Lu}}[\p{{L}}\p{{N}}-]*)\s*,\s*(?i:a|an)\s+(?:[\w-]+\s+){{0,5}}?{noun}\b"))
        {
            return true;
        }
        // "this exploration-feedback-optimization cycle", "the Degeneration-of-Thought (DoT) problem", "“error-correction” data":
        // a coined term (quoted, capitalised and hyphenated, or three long words hyphenated) right before the noun.
        return nouns.Count > 0 && System.Text.RegularExpressions.Regex.IsMatch(sentence,
            $@"(?:[""“][^""”]{{2,40}}[""”]|\b\p{{Lu}}[\p{{L}}\p{{N}}]*(?:-[\p{{L}}\p{{N}}]+)+|\b\p{{L}}{{3,}}(?:-\p{{L}}{{3,}}){{2,}})(?:\s*\([^)]{{1,15}}\))?\s+{noun}\b");
    }

    /// <summary>"performs poorly on colloquial subtitle translation tasks" for "what kind of translation": the noun with
    /// words before it that say its kind and that the question does not already write.</summary>
    private static bool KindBeside(string sentence, IReadOnlyList<string> nouns, QuestionWords words)
    {
        if (nouns.Count == 0)
        {
            return false;
        }
        var noun = "(?:" + string.Join("|", nouns.Select(System.Text.RegularExpressions.Regex.Escape)) + ")(?:s|es)?";
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(sentence, $@"(?<kind>(?:\b[\p{{L}}-]+\s+){{1,3}}){noun}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            var kind = Tokenizer.Words(m.Groups["kind"].Value).Reverse().TakeWhile(w => !Tokenizer.IsStopWord(w)).ToList();
            if (kind.Count > 0 && kind.All(w => !words.Asked(w)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>"For updating and forgetting, we present DMM Gov: …": the paper brings in a name of its own, beside no noun
    /// the ask says (weaker than <see cref="NamesBeside"/>).</summary>
    private static bool IntroducesName(string sentence) =>
        System.Text.RegularExpressions.Regex.IsMatch(sentence, @"\b(?i:we)\s+(?i:propose|present|introduce|develop|design|build|built|release)\s+(?i:a\s+|an\s+|the\s+)?(?i:new\s+|novel\s+)?\p{Lu}[\p{L}\p{N}-]*(?:\s+\p{Lu}[\p{L}\p{N}-]*)*(?=\s*[,:(;]|\s+(?:to|for|that|which|as|with)\b)")
        || KindThenName().IsMatch(sentence);

    // "propose an entity linking dataset NEL that …", "a new benchmark called FIB": a kind of thing, then the name it is
    // given (written as a name: a capital inside it or a digit, so "the model Wikipedia" names nothing).
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?i:a|an|the|our)\s+(?:[\p{L}-]+\s+){0,4}?(?i:dataset|benchmark|corpus|model|method|framework|approach|algorithm|metric|system|toolkit|library|suite|pipeline|technique|strategy|paradigm|architecture)s?\s+(?:(?i:called|named|dubbed|termed)\s+)?\p{Lu}[\p{L}\p{N}-]*[\p{Lu}\p{N}][\p{L}\p{N}-]*(?=\s*[,:(;.]|\s+(?:to|for|that|which|as|with|is|are)\b)")]
    private static partial System.Text.RegularExpressions.Regex KindThenName();

    /// <summary>"… Corrector for Uncertainty Estimation (CUE) …", "CUE (Corrector for Uncertainty Estimation)": the sentence
    /// spells the short form out.</summary>
    private static bool GivesLongForm(string sentence, string shortForm)
    {
        if (shortForm.Length == 0)
        {
            return SpelledOut().IsMatch(sentence);
        }
        var escaped = System.Text.RegularExpressions.Regex.Escape(shortForm);
        return System.Text.RegularExpressions.Regex.IsMatch(sentence, $@"\(\s*{escaped}\s*[),;]|(?<![\p{{L}}\p{{N}}]){escaped}\s*\(\s*\p{{L}}", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    // "Corrector for Uncertainty Estimation (CUE)", "CUE (Corrector for …)": a capitalised short form beside its long form.
    [System.Text.RegularExpressions.GeneratedRegex(@"\p{Lu}[\p{L}-]+\s+(?:[\p{L}-]+\s+){0,6}\(\s*\p{Lu}[\p{L}\p{N}-]*\p{Lu}[\p{L}\p{N}-]*\s*\)|(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}-]*\p{Lu}[\p{L}\p{N}-]*\s*\(\s*\p{Lu}\p{Ll}+\s+")]
    private static partial System.Text.RegularExpressions.Regex SpelledOut();

    /// <summary>A sentence joined to its antecedent may contain one already chosen; say each thing once.</summary>
    private static void AddUnlessOverlapping(AnswerDraft draft, string text, Paper paper)
    {
        if (!draft.Has(text))
        {
            draft.Add(text, [paper]);
        }
    }

    private sealed record Pair(Paper A, Paper B);

    /// <summary>The two papers a comparison names, each found by its name; null when either side finds none.</summary>
    private Pair? Sides(ContentQuestion kind, IReadOnlyList<Paper> evidence, bool focused)
    {
        if (focused && evidence.Count >= 2)
        {
            return new Pair(evidence[0], evidence[1]);
        }
        if (kind.Subject is not { } a || kind.Other is not { } b)
        {
            return null;
        }
        var first = Side(a, evidence, null);
        var second = first is null ? null : Side(b, evidence, first.Id);
        return first is null || second is null ? null : new Pair(first, second);
    }

    private Paper? Side(string name, IReadOnlyList<Paper> evidence, string? not)
    {
        var candidates = evidence.Concat(searcher.Search(name, 5).Hits.Select(h => h.Paper)).DistinctBy(p => p.Id).Where(p => p.Id != not).ToList();
        var best = candidates.Select((p, i) => (p, i, Match: PaperNames.NameMatch(p, name))).OrderByDescending(x => x.Match).ThenBy(x => x.i).FirstOrDefault();
        return best.p is null ? null : best.Match >= 2 ? best.p : searcher.Search(name, 3).Hits.Select(h => h.Paper).FirstOrDefault(p => p.Id != not);
    }

    /// <summary>Each side's contribution, method and result, then any sentence in which one abstract speaks of the other.
    /// No "Name:" labels: every channel shows a comparison under each paper's title, and the [n] marks say whose it is.</summary>
    private static void Compare(AnswerDraft draft, QuestionWords context, Paper a, Paper b)
    {
        var sides = new[] { (Paper: a, Other: b), (Paper: b, Other: a) };
        var crossReferences = new List<(Paper Paper, AbstractSentence Sentence)>();
        var lines = new List<(Paper Paper, AbstractSentence Sentence)>();
        foreach (var (paper, other) in sides)
        {
            var sentences = AbstractReader.Read(paper.Abstract);
            var otherNames = new[] { PaperNames.ShortName(other), other.TitleDerived ? null : other.Title }.OfType<string>().ToList();
            var mine = sentences.Where(s => s.Display is not null && otherNames.Any(n => PaperNames.Mentions(s.Raw, n, wholeToken: true))).ToList();
            crossReferences.AddRange(mine.Select(s => (paper, s)));
            var usable = sentences.Where(s => s.Display is not null && !mine.Contains(s)).ToList();
            var ownName = PaperNames.ShortName(paper);
            var contribution = usable.Where(s => s.Is(SentenceRole.Contribution) && !s.Is(SentenceRole.Background) && !AbstractReader.ReleasesResources(s.Raw))
                .OrderByDescending(s => (ownName is not null && PaperNames.Mentions(s.Raw, ownName, wholeToken: true) ? 2 : 0) + context.Score(s) * 0.2)
                .ThenBy(s => s.Index).FirstOrDefault();
            // How it works is told after "we propose"; sentences before it describe the problem or what others did. The
            // question's words are the two names, which say nothing about which sentence explains the method.
            var methods = usable
                .Where(s => s != contribution && s.Is(SentenceRole.Method) && !s.Is(SentenceRole.Number)
                    // "The training of Math-Shepherd is achieved using … unlike existing work": about the paper's own method.
                    && (!s.Is(SentenceRole.Background) || PaperNames.NamesItself(paper, s.Raw))
                    && (contribution is null || s.Index > contribution.Index))
                .OrderByDescending(s => (s.Is(SentenceRole.Contribution) ? 0.5 : 0) + (contribution is not null && s.Index == contribution.Index + 1 ? 0.5 : 0))
                .ThenBy(s => s.Index)
                .ToList();
            var method = methods.FirstOrDefault();
            AbstractSentence? more = null;
            if (contribution is not null && method?.Display is { } joined && joined.StartsWith(contribution.Display!, StringComparison.Ordinal))
            {
                // "We propose X. Instead of …, it …": the method is shown with the contribution it points back to, and
                // the next method sentence still has its place.
                contribution = null;
                more = methods.Skip(1).FirstOrDefault(s => !joined.Contains(s.Display!, StringComparison.Ordinal));
            }
            var result = usable.Where(s => s != contribution && s != method && s != more && s.Is(SentenceRole.Result) && !s.Is(SentenceRole.Background))
                .OrderByDescending(s => AbstractReader.Headline(s) + context.Score(s) * 0.2).ThenBy(s => s.Index).FirstOrDefault();
            lines.AddRange(new[] { contribution, method, more, result }.OfType<AbstractSentence>().OrderBy(s => s == result ? 1 : 0).ThenBy(s => s.Index).Select(s => (paper, s)));
        }
        foreach (var (paper, sentence) in lines)
        {
            AddUnlessOverlapping(draft, sentence.Display!, paper);
        }
        foreach (var (paper, sentence) in crossReferences.Take(2))
        {
            AddUnlessOverlapping(draft, sentence.Display!, paper);
        }
    }

    /// <summary>
    /// "How many…", "what is it called": the sentence carrying the number (or the name) first, then a little context. In the
    /// paper's own abstract the words that name the paper (its title's) say nothing about which sentence answers, so they
    /// count for little there (<see cref="QuestionWords.ScoreWithin"/>); "how many BERT-Base checkpoints" prefers the
    /// sentence whose number counts those very things (<see cref="QuestionWords.CountsAskedThing"/>).
    /// </summary>
    private static void Figure(AnswerDraft draft, QuestionWords context, IReadOnlyList<Paper> evidence, ContentQuestion kind)
    {
        // Questions read as Figure before names were asked for set neither flag: a number was asked.
        var number = kind.AsksForNumber || !kind.AsksForName;
        for (var i = 0; i < evidence.Count; i++)
        {
            var paper = evidence[i];
            var read = AbstractReader.Read(paper.Abstract);
            var names = kind.AsksForName ? context.RareNames(read.SelectMany(s => PaperNamesGiven(s.Raw))) : new HashSet<string>(StringComparer.Ordinal);
            double Score(AbstractSentence s) => context.ScoreWithin(s, paper)
                + (number && (s.Is(SentenceRole.Number) || Numeral().IsMatch(s.Raw)) ? FigureBonus : 0)
                + (number ? context.CountsAskedThing(s) : 0)
                + (kind.AsksForName ? NameBonus(context, s, names) : 0);
            // A sentence too long to show whole ("…resulting in the CasiMedicos-Arg dataset which consists of 558 clinical
            // cases in four languages (English, Spanish, …), where we annotated 5021 claims, …") may still hold the number
            // "how many clinical cases" asks for: its clauses with that number are shown as an excerpt.
            var sentences = read
                .Select(s => s.Display is not null ? s
                    : number && AbstractReader.Excerpt(s, Score) is { } excerpt && context.CountsAskedThing(excerpt) > 0 ? excerpt : null)
                .OfType<AbstractSentence>().ToList();
            var ranked = sentences
                .Select(s => (s, Score: Score(s) + (s.Index == 0 ? 0.01 : 0)))
                .Where(x => x.Score > 0.05)
                // "which benchmark did it introduce?": a sentence that gives a name and says "benchmark" answers it, however
                // many of the words that found the paper another sentence holds.
                .OrderByDescending(x => kind.NameOf is { } thing && NameBonus(context, x.s, names) > 0 && x.s.Stems.Contains(PorterStemmer.Stem(thing)) ? 1 : 0)
                .ThenByDescending(x => x.Score)
                .ThenBy(x => x.s.Index)
                .Take(i == 0 ? (kind.AsksSeveral ? 3 : 2) : 1)
                .Select(x => x.s)
                .ToList();
            foreach (var s in ranked)
            {
                AddUnlessOverlapping(draft, s.Display!, paper);
            }
        }
    }

    // Any count a "how many" asks for: "a set of 25 BERT-Base checkpoints", "three new benchmarks" (a year is no count).
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\p{L}\d.,])\d+(?:[.,]\d+)?(?![\p{L}\d])(?<!(?<![\d.,])(?:19|20)\d\d)|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Numeral();

    // A name the question does not hold, given by the sentence: "we introduce three new benchmarks: YakugakuQA, …",
    // "we introduce MergeBERT", "formulate it as a Markov Decision Process", "we call this phenomenon QiD".
    // Only a name few papers write is one this paper gives ("YakugakuQA", not "NLP" or "GPT-4").
    private static double NameBonus(QuestionWords context, AbstractSentence sentence, IReadOnlySet<string> rare)
    {
        var names = PaperNamesGiven(sentence.Raw).Where(n => rare.Contains(n) && !Tokenizer.Words(n).All(context.Asked)).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var naming = NamingVerb().IsMatch(sentence.Raw);
        return names == 0 && !naming ? 0 : FigureBonus + (naming ? 1 : 0) + Math.Min(names - 1, 3) * 0.5;
    }

    /// <summary>Names written in a sentence: a word with a capital after its first letter or mixing letters and digits
    /// ("MergeBERT", "QiD", "GPT-4o"), a run of two or more capitalised words inside the sentence ("Markov Decision Process").</summary>
    private static IEnumerable<string> PaperNamesGiven(string sentence)
    {
        foreach (System.Text.RegularExpressions.Match m in NameShapedWord().Matches(sentence))
        {
            yield return m.Value;
        }
        foreach (System.Text.RegularExpressions.Match m in CapitalisedRun().Matches(sentence))
        {
            if (m.Index > 0)
            {
                yield return m.Value;
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\p{L}\p{N}])(?=[\p{L}\p{N}-]*\p{L})(?:\p{L}+\p{Lu}[\p{L}\p{N}-]*|\p{Lu}{2,}[\p{L}\p{N}-]*\p{Ll}[\p{L}\p{N}-]*|[\p{L}]+-?\d+[\p{L}\p{N}-]*)(?![\p{L}\p{N}])")]
    private static partial System.Text.RegularExpressions.Regex NameShapedWord();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+\b")]
    private static partial System.Text.RegularExpressions.Regex CapitalisedRun();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:called|named|termed|dubbed|coined|known\s+as|refer(?:red)?\s+to\s+as|we\s+(?:call|term|name|dub)|(?:formulate|formulates|formulated|model|models|modeled|modelled|cast|casts|frame|frames|framed|treat|treats|treated|view|views)\s+(?:\w+\s+){0,6}?as\s+(?:a|an)\s+\p{Lu})", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NamingVerb();

    /// <summary>The sentences that carry the most question weight. For the best paper also what it contributes and its
    /// headline result, so a question that describes a paper gets told what the paper is and found; one sentence from each other.</summary>
    private static void General(AnswerDraft draft, QuestionWords context, IReadOnlyList<Paper> evidence)
    {
        for (var i = 0; i < evidence.Count; i++)
        {
            var sentences = AbstractReader.Read(evidence[i].Abstract).Where(s => s.Display is not null).ToList();
            var chosen = sentences
                .Select(s => (s, Score: context.Score(s) + (s.Index == 0 ? 0.01 : 0) - (s.Display!.Length > 400 ? 0.5 : 0) + (s.Is(SentenceRole.Contribution) ? 0.5 : 0)))
                .Where(x => x.Score > 0.05)
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.s.Index)
                .Take(1)
                .Select(x => x.s)
                .ToList();
            if (i == 0)
            {
                // The contribution that names the paper's own method ("we propose LGFD") says what the paper is; one that
                // merely shares more question words ("to address intra-client forgetting, we develop…") is a detail of it.
                var contribution = sentences.Where(s => s.Is(SentenceRole.Contribution) && !s.Is(SentenceRole.Background) && !AbstractReader.ReleasesResources(s.Raw))
                    .OrderByDescending(s => PaperNames.NamesItself(evidence[i], s.Raw) ? 1 : 0).ThenByDescending(context.Score).ThenBy(s => s.Index).FirstOrDefault();
                var headline = sentences.Where(s => s.Is(SentenceRole.Result) && s.Is(SentenceRole.Number) && !s.Is(SentenceRole.Background))
                    .OrderByDescending(s => AbstractReader.Headline(s) + context.Score(s) * 0.3).ThenBy(s => s.Index).FirstOrDefault();
                chosen.AddRange(new[] { contribution, headline }.OfType<AbstractSentence>().Where(s => !chosen.Contains(s)));
                if (chosen.Count == 0 && sentences.Count > 0)
                {
                    chosen.Add(sentences[0]);
                }
            }
            var read = i == 0 ? AbstractReader.Read(evidence[i].Abstract) : [];
            foreach (var s in chosen.OrderBy(s => s.Index).DistinctBy(s => s.Display))
            {
                if (!draft.Has(s.Display!) && !draft.Add(s.Display!, [evidence[i]]) && draft.Papers.Count > 0)
                {
                    return;
                }
                // "…yields three key benefits: (1) Normative Pluralism: …": the list's other items follow, as written; the
                // first alone would say one benefit of three.
                foreach (var item in AbstractReader.ListItemsAfter(read, s))
                {
                    if (!draft.Has(item) && !draft.Add(item, [evidence[i]]))
                    {
                        break;
                    }
                }
            }
        }
    }

    /// <summary>"Step-DPO: we propose…" when the paper has a short name that the sentence does not already write: not
    /// "TrustSQL: we introduce TrustSQL, a novel benchmark…", which says the name twice.</summary>
    private static string Labelled(Paper paper, string sentence, bool useTitle = false)
    {
        var label = useTitle ? PaperNames.Label(paper) : PaperNames.ShortName(paper);
        if (label is null || sentence.StartsWith(label + " ", StringComparison.OrdinalIgnoreCase) || sentence.StartsWith(label + ",", StringComparison.OrdinalIgnoreCase)
            || WritesWord(sentence, label))
        {
            return sentence;
        }
        var body = sentence.StartsWith("We ", StringComparison.Ordinal) || sentence.StartsWith("Our ", StringComparison.Ordinal) || sentence.StartsWith("In this ", StringComparison.Ordinal)
            ? char.ToLowerInvariant(sentence[0]) + sentence[1..]
            : sentence;
        return $"{label}: {body}";
    }

    /// <summary>The name as a word of the sentence, written as the label writes it ("VIA" in "we introduce VIA, …", not "via").</summary>
    private static bool WritesWord(string sentence, string name)
    {
        for (var at = sentence.IndexOf(name, StringComparison.Ordinal); at >= 0; at = sentence.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((at == 0 || !char.IsLetterOrDigit(sentence[at - 1])) && (end == sentence.Length || !char.IsLetterOrDigit(sentence[end])))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The question's content words with their weights, for scoring sentences.</summary>
    private sealed partial class QuestionWords
    {
        [System.Text.RegularExpressions.GeneratedRegex(@"\bhow\s+many\s+(?<thing>[\p{L}\p{N}-]+(?:\s+[\p{L}\p{N}-]+){0,3})", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
        private static partial System.Text.RegularExpressions.Regex HowMany();

        // "speed things up" → "speedup", "roll it out" → "rollout": the nouns abstracts write for these verbs.
        [System.Text.RegularExpressions.GeneratedRegex(@"\b(?<verb>speed|roll|warm|trade|set|break|hold|drop|scale|look|follow|clean|start|write|sign|check)(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,2}?(?<particle>up|out|off|down|back)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
        private static partial System.Text.RegularExpressions.Regex PhrasalVerb();

        private readonly PaperSearcher _searcher;

        public QuestionWords(string question, PaperSearcher searcher)
        {
            _searcher = searcher;
            // "speed things up" is the abstracts' "speedup": a phrasal verb also stands for its joined noun.
            Words = Tokenizer.ContentWords(question).Where(w => !ReferenceWords.Contains(w))
                .Concat(PhrasalVerb().Matches(question).Select(m => (m.Groups["verb"].Value + m.Groups["particle"].Value).ToLowerInvariant()))
                .Distinct(StringComparer.Ordinal).ToList();
            CountedThing = HowMany().Match(question) is { Success: true } many
                ? Tokenizer.Words(many.Groups["thing"].Value).TakeWhile(w => !Tokenizer.IsStopWord(w) && !CountStops.Contains(w)).ToList()
                : [];
            Weights = searcher.Weights(Words);
            _wordStems = Words.Select(PorterStemmer.Stem).ToList();
            Stems = _wordStems.ToHashSet(StringComparer.Ordinal);
            SpecificWords = Answering.SpecificWords.Of(Words, Weights);
        }

        /// <summary>The words that say what the question is about (<see cref="Answering.SpecificWords"/>).</summary>
        public IReadOnlyList<string> SpecificWords { get; }

        /// <summary>The summed weight of the specific words the sentence holds.</summary>
        public double Specific(AbstractSentence sentence) =>
            SpecificWords.Count == 0 ? 0 : Answering.SpecificWords.Held(SpecificWords, Weights, sentence.Stems);

        public IReadOnlyList<string> Words { get; }

        // Words[i]'s stem, computed once per question rather than once per sentence scored.
        private readonly List<string> _wordStems;

        public TermWeights Weights { get; }

        public IReadOnlySet<string> Stems { get; }

        public double Score(AbstractSentence sentence)
        {
            var stems = sentence.Stems;
            var score = 0.0;
            for (var i = 0; i < Words.Count; i++)
            {
                if (stems.Contains(_wordStems[i]))
                {
                    score += Weights.Of(Words[i]);
                }
            }
            return score;
        }

        /// <summary>The names few papers write (some word of the name used by at most <see cref="RareNameShare"/> of them).</summary>
        public IReadOnlySet<string> RareNames(IEnumerable<string> names)
        {
            var distinct = names.Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count == 0)
            {
                return new HashSet<string>(StringComparer.Ordinal);
            }
            var weights = _searcher.Weights(distinct.SelectMany(Tokenizer.Words).Distinct(StringComparer.Ordinal).ToList());
            var floor = weights.OfShare(RareNameShare);
            return distinct.Where(n => Tokenizer.Words(n).Any(w => w.Any(char.IsLetter) && weights.Of(w) >= floor)).ToHashSet(StringComparer.Ordinal);
        }

        // A word this few of the papers use names something of one paper's own.
        private const double RareNameShare = 0.01;

        /// <summary>
        /// What a sentence gets for writing the abstracts' word for a question word it lacks: "the main way" is the
        /// abstract's "the primary lesion", "did badly on" its "performs poorly", "fold into" its "incorporate into".
        /// </summary>
        public double AlikeScore(AbstractSentence sentence)
        {
            var score = 0.0;
            foreach (var group in AlikeWords)
            {
                if (group.Any(Stems.Contains) && !group.Any(w => Stems.Contains(w) && sentence.Stems.Contains(w)) && group.Any(sentence.Stems.Contains))
                {
                    score += AlikeWeight;
                }
            }
            return score;
        }

        // About one word of middling rarity: enough to choose between sentences that share the ask's other words.
        private const double AlikeWeight = 2.0;

        // Words a question and an abstract use for the same thing, as stems; general English, not one paper's terms.
        private static readonly string[][] AlikeWords = new[]
        {
            new[] { "main", "primary", "principal", "chief", "key", "major", "dominant", "predominant" },
            new[] { "badly", "poorly", "bad", "poor", "worse", "struggle", "underperform" },
            new[] { "break", "fail", "failure", "degrade", "degradation", "collapse", "lesion" },
            new[] { "fold", "incorporate", "integrate", "inject", "add" },
            new[] { "start", "initialize", "initialise", "begin" },
        }.Select(g => g.Select(PorterStemmer.Stem).Distinct(StringComparer.Ordinal).ToArray()).ToArray();

        /// <summary>Whether the question holds the word (as written or stemmed).</summary>
        public bool Asked(string word) => Stems.Contains(PorterStemmer.Stem(word));

        /// <summary>
        /// <see cref="Score"/> for a sentence of <paramref name="paper"/>'s own abstract: a word of the paper's title counts
        /// for a quarter there. "the token limit of CLIP's text encoder": every Long-CLIP sentence is about CLIP, and
        /// "CLIP", rare in the corpus, would otherwise choose the sentence instead of "token limit".
        /// </summary>
        public double ScoreWithin(AbstractSentence sentence, Paper paper)
        {
            var stems = sentence.Stems;
            var title = TermWeights.StemsOf(paper.TitleDerived ? "" : paper.Title);
            var score = 0.0;
            for (var i = 0; i < Words.Count; i++)
            {
                if (stems.Contains(_wordStems[i]))
                {
                    score += Weights.Of(Words[i]) * (title.Contains(_wordStems[i]) ? TitleWordShare : 1);
                }
            }
            return score;
        }

        // What a title word counts for inside its own paper's abstract.
        private const double TitleWordShare = 0.25;

        /// <summary>
        /// For "how many X": how fully a number in the sentence counts X ("a set of 25 BERT-Base checkpoints" for "how many
        /// BERT-Base checkpoints", more than "140 intermediate checkpoints"): up to <see cref="CountedBonus"/> when the
        /// words right after a number hold X's last word, in proportion to how many of X's words they hold. 0 otherwise.
        /// </summary>
        public double CountsAskedThing(AbstractSentence sentence)
        {
            if (CountedThing.Count == 0)
            {
                return 0;
            }
            var head = PorterStemmer.Stem(CountedThing[^1]);
            var things = CountedThing.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);
            var words = Tokenizer.Words(sentence.Raw);
            var best = 0.0;
            for (var i = 0; i < words.Count; i++)
            {
                if (!char.IsDigit(words[i][0]))
                {
                    continue;
                }
                var window = words.Skip(i + 1).Take(CountWindow).Select(PorterStemmer.Stem).ToList();
                if (window.Contains(head))
                {
                    best = Math.Max(best, CountedBonus * things.Count(window.Contains) / things.Count);
                }
            }
            return best;
        }

        // Words between a number and what it counts: "25 BERT-Base checkpoints", "1,001 unique personas".
        private const int CountWindow = 4;
        private const double CountedBonus = 6.0;

        /// <summary>The thing a "how many" question counts, as words: "BERT-Base checkpoints" → bert, base, checkpoints.</summary>
        public IReadOnlyList<string> CountedThing { get; }

        // Words that end what "how many" counts: "how many questions does it have", "how many personas in total".
        private static readonly HashSet<string> CountStops = new(StringComparer.Ordinal)
        {
            "does", "did", "do", "is", "are", "was", "were", "has", "have", "had", "can", "could", "would", "will", "in",
            "of", "for", "on", "at", "to", "from", "with", "per", "does", "it", "they", "there", "we", "were", "total",
            "used", "needed", "released", "built", "made", "covered", "included",
        };

        private static readonly HashSet<string> ReferenceWords = new(StringComparer.OrdinalIgnoreCase)
        {
            "first", "second", "third", "fourth", "fifth", "last", "one", "ones", "paper", "papers", "work", "about",
            "tell", "more", "said", "mentioned", "previous", "earlier", "find", "found", "propose", "proposed", "compare",
            "introduced", "introduce", "work", "works", "fix", "show", "showed", "achieve", "achieved",
        };
    }
}
