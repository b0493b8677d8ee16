namespace PaperBot.Core.Answering;

/// <summary>An answer to a question: cited sentences, the numbered sources, and what it rests on.</summary>
public sealed record Answer
{
    public required string Question { get; init; }
    public required IReadOnlyList<AnswerSentence> Sentences { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
    public bool Abstained { get; init; }
    /// <summary>"extractive" or "llm".</summary>
    public string Mode { get; init; } = "extractive";
    public AnswerBasis Basis { get; init; }
    /// <summary>A one-line remark for the user (why the answer fell back, what it rests on), or null.</summary>
    public string? Note { get; init; }
    public int PapersSearched { get; init; }
    /// <summary>For a follow-up, the standalone question it was taken as; null when the question stood alone.</summary>
    public string? StandaloneQuestion { get; init; }
    /// <summary>Model calls, tokens and latency behind this answer; null when nobody measured them.</summary>
    public AnswerUsage? Usage { get; init; }

    /// <summary>How the answer is laid out (a paper list, a comparison, prose), when the answerer decided; null lets
    /// <see cref="Presentation.ReplyPresenter"/> read the layout off <see cref="Sentences"/>. The blocks show the same
    /// claims as <see cref="Sentences"/>, which stay the answer's text for checking, history and JSON.</summary>
    public IReadOnlyList<Presentation.ReplyBlock>? Blocks { get; init; }

    /// <summary>This answer with <paramref name="note"/> said before its own note, if any: a correction the question
    /// needed ("Taking "Math-Sheperd" as Math-Shepherd.") comes before why the answer fell back. Null leaves it as it is.</summary>
    public Answer WithNoteFirst(string? note) =>
        note is null ? this : this with { Note = Note is null ? note : $"{note} {Note}" };

    /// <summary>The answer prose with its [n] markers, without the source list.</summary>
    public string Text => string.Join(" ", Sentences.Select(s => s.Render()));

    public string BasisLine => Basis switch
    {
        AnswerBasis.Abstracts => "Based on the papers' abstracts; the full texts are not in the corpus.",
        AnswerBasis.Metadata => "Based on the listing metadata.",
        AnswerBasis.MetadataAndAbstracts => "Based on the listing metadata and the paper's abstract; the full text is not in the corpus.",
        AnswerBasis.FullTextNeeded => "The abstracts do not settle this; it needs the full papers, which the corpus does not hold.",
        _ => "",
    };

    /// <summary>The plain "found nothing" an answerer gives when it declines, or when a list has no match.</summary>
    public static Answer NothingFound(string question, int papersSearched) => new()
    {
        Question = question,
        Sentences = [new AnswerSentence($"I found nothing about that in the {papersSearched} papers I searched.", [])],
        Citations = [],
        Abstained = true,
        PapersSearched = papersSearched,
    };
}
