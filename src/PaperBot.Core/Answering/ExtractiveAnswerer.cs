using PaperBot.Core.Answering.Composition;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// Answers without a language model. It only routes: a question with no searchable word gets a hint, a metadata
/// question is answered from the database (<see cref="MetadataAnswerer"/>), and any other goes through
/// <see cref="EvidenceFinder"/>, as the LLM answerer's questions do, so both modes rank and abstain the same way,
/// and is answered from the evidence's abstracts (<see cref="ContentAnswerer"/>).
/// </summary>
public sealed class ExtractiveAnswerer(PaperStore store, QuestionClassifier classifier, MetadataAnswerer metadata, EvidenceFinder evidence, ContentAnswerer content)
{
    /// <summary>The answer and the retrieval behind it: the ranked papers, whether the bot abstained, and whether the
    /// list is an exhaustive metadata match.</summary>
    public async Task<ExtractiveResponse> RespondAsync(string question, CancellationToken cancellationToken = default)
    {
        var text = QuestionText.Bounded(question);
        if (FtsQuery.Build(text) is null)
        {
            return Help(text);
        }
        var (focus, slip) = PaperNameSlip(QuestionFocus.Of(text));
        var intent = classifier.Classify(focus);
        var factual = WithOtherAsks(focus, intent, metadata.Answer(focus, intent)
                ?? (intent is QuestionIntent.AboutDescribedPaper described ? await DescribedAsync(focus, described, cancellationToken) : null));
        if (factual is null && Tokenizer.ContentWords(focus).Count == 0)
        {
            // "what is the", "and or but": only stop words, which every abstract writes; searched, they were answered with
            // whichever paper's abstract held the most of them. ("what's new?" and "who has the most papers here?" are
            // metadata questions in stop words, answered above.)
            return Help(text);
        }
        var response = factual ?? WithUnmetQualifier(focus, content.Answer(focus, await evidence.FindAsync(focus, cancellationToken)));
        return response with { Answer = (response.Answer with { Question = text }).WithNoteFirst(slip) };
    }

    /// <summary>Said to a question with nothing to search for (empty, only punctuation, only stop words).</summary>
    public const string HelpText = "Ask me about the papers, for example: which papers tackle continual relation extraction?";

    private ExtractiveResponse Help(string text)
    {
        var searched = store.CountPapers();
        var help = new Answer
        {
            Question = text,
            Sentences = [new AnswerSentence(HelpText, [])],
            Citations = [],
            Abstained = true,
            PapersSearched = searched,
        };
        return new ExtractiveResponse(help, new RetrievedPapers(text, [], searched, Abstained: true));
    }

    /// <summary>
    /// "who wrote the paper that explains in-context learning as gradient descent?": the description is searched as a
    /// content question is, and the first paper's stored facts answer, when the search is sure enough to answer at all
    /// (not declined, not a loose match); otherwise null, and the question is answered as content (which may decline).
    /// </summary>
    private async Task<ExtractiveResponse?> DescribedAsync(string question, QuestionIntent.AboutDescribedPaper described, CancellationToken cancellationToken)
    {
        var found = await evidence.FindDescribedAsync(described.Description, cancellationToken);
        return found.Abstained || found.Decision.Tentative ? null : metadata.DescribedFactsAnswer(question, described, found.Papers[0].Paper);
    }

    /// <summary>
    /// "LIONs alignment recipe - which base models did they start from and where's the repo?", "the CRE paper with
    /// classifier decomposition: who are the authors and is there a repo?": the listing answers the facts the question
    /// was read for; each other ask gets its answer after them, a link from the listing, anything else from the paper's
    /// abstract. Null stays null (the question is no fact question).
    /// </summary>
    private ExtractiveResponse? WithOtherAsks(string question, QuestionIntent intent, ExtractiveResponse? response)
    {
        var facts = intent switch
        {
            QuestionIntent.AboutPaper p => p.Facts,
            QuestionIntent.AboutDescribedPaper d => d.Facts,
            _ => PaperFacts.None,
        };
        if (response is not { Answer: { Abstained: false, Basis: AnswerBasis.Metadata, Citations.Count: 1 } answer } || facts == PaperFacts.None
            || store.Get(answer.Citations[0].Id) is not { } paper)
        {
            return response;
        }
        var others = QuestionAsks.Of(question).Where(a => QuestionClassifier.FactsAsked(a) == PaperFacts.None).ToList();
        var added = new List<AnswerSentence>();
        if (!facts.HasFlag(PaperFacts.Code) && !facts.HasFlag(PaperFacts.Links) && others.Any(a => QuestionAsks.CueOf(a).HasFlag(AskCue.Link)))
        {
            // The stored facts' sentences named the paper already: "… is by Zihan Wang, … It has code available (…)".
            added.Add(new AnswerSentence(MetadataAnswerer.Describe(paper, PaperFacts.Code, named: answer.Sentences.Count > 0), [1]));
        }
        var contentAsks = others.Where(a => !QuestionAsks.CueOf(a).HasFlag(AskCue.Link)).ToList();
        var fromAbstract = contentAsks.Count == 0 ? [] : content.SentencesFor(contentAsks, paper);
        added.AddRange(fromAbstract.Select(text => new AnswerSentence(text, [1])));
        if (added.Count == 0)
        {
            return response;
        }
        return response with
        {
            Answer = answer with
            {
                Sentences = [.. answer.Sentences, .. added],
                Basis = fromAbstract.Count > 0 ? AnswerBasis.MetadataAndAbstracts : answer.Basis,
                Blocks = null,
            },
        };
    }

    private readonly UnmetQualifier _qualifiers = new(store);

    /// <summary>
    /// "which papers use mixture of experts for vision?" when no paper on mixture of experts writes about vision: the
    /// answer lists the subject's papers, and first says that none is about it for what the question narrowed it to.
    /// </summary>
    private ExtractiveResponse WithUnmetQualifier(string question, ExtractiveResponse response)
    {
        var answer = response.Answer;
        if (answer.Abstained || answer.Basis != AnswerBasis.Abstracts || answer.Citations.Count == 0
            || _qualifiers.Find(question, answer.Citations[0].Id) is not { } unmet)
        {
            return response;
        }
        var said = new AnswerSentence($"No paper in the {answer.PapersSearched} papers is about {unmet.Subject} for {unmet.Qualifier}; these are about {unmet.Subject}:", []);
        return response with { Answer = answer with { Sentences = [said, .. answer.Sentences], Blocks = null } };
    }

    private readonly TitleFinder _titles = new(store.Database);
    private readonly TitleSlips _slips = new(store.Database);

    /// <summary>
    /// "summarize the Math-Sheperd paper": a paper's name no title holds, but one slip from exactly one title's
    /// (<see cref="TitleSlips"/>), is taken as that title's name, and the answer says so ("Taking "Math-Sheperd" as
    /// Math-Shepherd."); a name no title comes that close to stays as written, for "No paper titled X". The LLM answerer
    /// takes the same question and shows the same note (<see cref="Answer.WithNoteFirst"/>). A slipped cue word ("authers",
    /// "pubished") is written as the cue first (<see cref="CueWordSlips"/>).
    /// </summary>
    public (string Question, string? Note) PaperNameSlip(string question)
    {
        // "who are the authers of StableMoE?": a slipped cue word is read as the cue (no note: the user sees what was meant).
        question = CueWordSlips.Correct(question, _titles.OccursInText);
        // The names the question frames as a paper's, then each word written as a name ("who are the authors of
        // StabelMoE?" frames nothing: "StabelMoE" alone is the name).
        // A fact question's name may be typed in lower case ("how many upvotes did ouroboros-difusion get"): what is left
        // once its fact words are taken out is tried too.
        var factName = QuestionClassifier.FactsAsked(question) != PaperFacts.None && QuestionClassifier.PaperNameIn(question) is { } left ? [left] : Array.Empty<string>();
        var names = QuestionClassifier.NamedPapers(question).Select(n => n.Name).Concat(QuestionClassifier.NameShapedTokens(question)).Concat(factName);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (_titles.Find(name) is null && _slips.Find(name) is { } slip && question.Contains(slip.Written, StringComparison.Ordinal))
            {
                return (question.Replace(slip.Written, slip.Meant, StringComparison.Ordinal), $"Taking \"{slip.Written}\" as {slip.Meant}.");
            }
        }
        return (question, null);
    }
}
