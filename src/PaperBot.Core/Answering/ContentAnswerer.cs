using Microsoft.Extensions.Options;
using PaperBot.Core.Answering.Composition;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering;

/// <summary>
/// Answers a content question from the abstracts of its evidence, in the shape the question asks for (one line per
/// paper, the named paper's results, a comparison, the method, the figure first; see <see cref="AnswerComposer"/>),
/// each sentence cited; "found nothing" when the evidence was declined or no sentence answers.
/// </summary>
public sealed partial class ContentAnswerer(PaperSearcher searcher, IOptions<AnsweringOptions> options)
{
    private readonly AnswerComposer _composer = new(searcher, options);

    public ExtractiveResponse Answer(string question, AnswerEvidence found)
    {
        var retrieval = new RetrievedPapers(question, found.Ranked, found.PapersSearched, found.Abstained)
        {
            BestSimilarity = found.BestSimilarity,
            SimilarityMargin = found.SimilarityMargin,
            UnfamiliarShare = found.UnfamiliarShare,
            AbstentionReason = found.Decision.Reason,
            Fusion = found.Fusion,
        };
        if (found.Abstained)
        {
            var declined = found.Decision.AbsentName is { } name ? AbsentNameAnswer(question, name, found)
                : NearestOffered(found) ? LooselyRelatedAnswer(question, found)
                : Answering.Answer.NothingFound(question, found.PapersSearched);
            return new ExtractiveResponse(declined, retrieval);
        }
        if (found.MentionedName is { } mentioned)
        {
            return new ExtractiveResponse(PapersWritingAnswer(question, mentioned, found), retrieval);
        }
        var kind = ContentQuestionReader.Read(question);
        if (kind.Kind == ContentKind.General && (found.ThemeOnly || EvidenceFinder.AsksAfterTheTheme(question)))
        {
            // "semi-supervised learning with unlabeled data, any?", "mixture of experts": the papers on it, one a line,
            // as for "any papers on…".
            kind = new ContentQuestion(ContentKind.Topic);
        }
        // "the translation paper where the reward model and the LLM play a min-max game: what kind of translation…, and
        // which metric…?" asks several things of one paper, however many papers share its subject.
        if (found.AboutSubject && kind.Kind != ContentKind.Topic && !(QuestionAsks.DescribesOnePaper(question) && QuestionAsks.Of(question).Count >= 2))
        {
            kind = new ContentQuestion(ContentKind.Subject);
        }
        var composed = _composer.Compose(question, kind, found.Papers.Select(h => h.Paper).ToList());
        if (composed is null)
        {
            return new ExtractiveResponse(Answering.Answer.NothingFound(question, found.PapersSearched), retrieval with { Abstained = true });
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = composed.Sentences,
            Citations = composed.Citations,
            Basis = AnswerBasis.Abstracts,
            PapersSearched = found.PapersSearched,
        };
        return new ExtractiveResponse(answer.WithNoteFirst(found.Decision.Tentative ? LooseMatchNote : null), retrieval);
    }

    /// <summary>
    /// "16 of the 452 papers mention GSM8K:" and every one of them, closest to the question first: with a few, the sentence
    /// where each writes it; with more, one line each (title and date), which a follow-up can open.
    /// </summary>
    private Answer PapersWritingAnswer(string question, string name, AnswerEvidence found)
    {
        var papers = found.Papers.Select(h => h.Paper).ToList();
        var heading = new AnswerSentence(papers.Count == 1
            ? $"1 of the {found.PapersSearched} papers mentions {name}:"
            : $"{papers.Count} of the {found.PapersSearched} papers mention {name}:", []);
        if (papers.Count <= options.Value.SubjectMaxPapers
            && _composer.Compose(question, new ContentQuestion(papers.Count == 1 ? ContentKind.General : ContentKind.Subject), papers) is { } composed
            && composed.Citations.Count == papers.Count)
        {
            return new Answer
            {
                Question = question,
                Sentences = [heading, .. composed.Sentences],
                Citations = composed.Citations,
                Basis = AnswerBasis.Abstracts,
                PapersSearched = found.PapersSearched,
            };
        }
        return new Answer
        {
            Question = question,
            Sentences = [heading, .. papers.Select((p, i) => new AnswerSentence(p.Date is { } date ? $"{p.Title} ({date.ToDisplay()})" : p.Title, [i + 1]))],
            Citations = Citation.Numbered(papers),
            Basis = AnswerBasis.Abstracts,
            PapersSearched = found.PapersSearched,
        };
    }

    /// <summary>The abstract sentences of one paper that answer the given asks (see <see cref="AnswerComposer.SentencesFor"/>).</summary>
    public IReadOnlyList<string> SentencesFor(IReadOnlyList<string> asks, Paper paper) => _composer.SentencesFor(asks, paper);

    /// <summary>Said with an answer the abstention rule let through on a loose match only.</summary>
    public const string LooseMatchNote = "A loose match: your question shares few words with these papers, so check that this is the paper you mean.";

    // As many leads as the "No paper titled X" answer gives.
    private const int ClosestShown = 3;

    /// <summary>A declined question whose closest passage still reaches <see cref="AnsweringOptions.EmbeddingSimilarityFloor"/>:
    /// the papers are near its topic without being on it, so they are worth naming as leads. Not without a model: keyword
    /// matches alone on a declined question are often about a word, not the topic.</summary>
    private bool NearestOffered(AnswerEvidence found) =>
        found.Ranked.Count > 0 && found.BestSimilarity is { } similarity && similarity >= options.Value.EmbeddingSimilarityFloor;

    /// <summary>
    /// "Nothing in the N papers is directly about X; these come closest, only loosely related: …": the question was
    /// declined, but some papers are near its topic. They are offered as leads (titles, cited), not as an answer, so a
    /// loosely related paper is never presented as on topic. X is what an "anything on X?" question asks about, or "that".
    /// </summary>
    private static Answer LooselyRelatedAnswer(string question, AnswerEvidence found)
    {
        var topic = AskedTopic().Match(question) is { Success: true } m ? m.Groups["topic"].Value.Trim() : "that";
        return Leads(question, $"Nothing in the {found.PapersSearched} papers is directly about {topic}; these come closest, only loosely related:",
            found.Ranked.Take(ClosestShown).Select(h => h.Paper).ToList(), found.PapersSearched);
    }

    /// <summary>"is there anything on X?", "any papers about X", "do you have a paper on X": X.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:(?:is|are)\s+there|do\s+you\s+have|have\s+you\s+got|got)?\s*(?:anything|something|any\s+(?:papers?|work|research|studies|study)|a\s+paper|papers?)\s+(?:on|about|regarding|covering|that\s+covers?)\s+(?<topic>[^?!.]{3,120}?)\s*[?!.]*\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AskedTopic();

    /// <summary>
    /// "No paper in the N papers mentions X; the closest are …": the question is about a name no paper writes, so the
    /// answer says which name is missing, and offers the best-ranked papers as leads, not as an answer. When not even a
    /// passage is near (below <see cref="AnsweringOptions.EmbeddingSimilarityFloor"/>), it offers none.
    /// </summary>
    private Answer AbsentNameAnswer(string question, string name, AnswerEvidence found)
    {
        var near = found.BestSimilarity is not { } similarity || similarity >= options.Value.EmbeddingSimilarityFloor;
        var closest = near ? found.Ranked.Take(ClosestShown).Select(h => h.Paper).ToList() : [];
        return Leads(question, closest.Count == 0
                ? $"No paper in the {found.PapersSearched} papers mentions {name}, and none comes close."
                : $"No paper in the {found.PapersSearched} papers mentions {name}; the closest are:",
            closest, found.PapersSearched);
    }

    /// <summary>A declined answer that offers papers as leads: a heading, then one cited line per paper (title and date).</summary>
    private static Answer Leads(string question, string heading, IReadOnlyList<Paper> closest, int papersSearched) => new()
    {
        Question = question,
        Sentences = [new AnswerSentence(heading, []), .. closest.Select((p, i) => new AnswerSentence(p.Date is { } date ? $"{p.Title} ({date.ToDisplay()})" : p.Title, [i + 1]))],
        Citations = Citation.Numbered(closest),
        Abstained = true,
        PapersSearched = papersSearched,
    };
}
