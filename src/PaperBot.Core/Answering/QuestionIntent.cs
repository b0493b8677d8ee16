namespace PaperBot.Core.Answering;

/// <summary>What kind of question was asked, decided before retrieval.</summary>
public abstract record QuestionIntent
{
    private QuestionIntent() { }

    /// <summary>A question about the content of papers.</summary>
    public sealed record Content : QuestionIntent;

    /// <summary>"papers by Damai Dai": every paper with that author.</summary>
    public sealed record ByAuthor(string Name) : QuestionIntent;

    /// <summary>"what paper is from PatronusAI?": every paper from that organisation.</summary>
    public sealed record ByOrg(string Name) : QuestionIntent;

    /// <summary>"papers from 2021 with code", "the most upvoted paper", "latest papers by Damai Dai": every paper
    /// meeting the conditions, found by SQL over the metadata.</summary>
    public sealed record ByMetadata(Retrieval.MetadataQuery Query) : QuestionIntent;

    /// <summary>"who wrote StableMoE?", "how many authors does the ElasWave paper have?", "when was DialogQAE
    /// published": stored facts of the one paper the question names (<paramref name="PaperId"/>, found by its title).</summary>
    public sealed record AboutPaper(string PaperName, string PaperId, PaperFacts Facts) : QuestionIntent;

    /// <summary>"who are the authors of the paper that explains in-context learning as implicit gradient descent?": stored
    /// facts of the paper a description (not a title) points to; the description is searched as a content question, and
    /// the answer names the paper it took.</summary>
    public sealed record AboutDescribedPaper(string Description, PaperFacts Facts) : QuestionIntent;

    /// <summary>The question names a paper by its title or name ("the ChronoRAG paper by Dai et al.", a quoted
    /// title) and no stored title matches it.</summary>
    public sealed record MissingPaper(string PaperName) : QuestionIntent;

    /// <summary>The question asks for papers of authors or organisations that no listing has ("papers by Geoffrey
    /// Hinton", "what has deepmind published?"), or of a name no listing has together with others: no paper can match.</summary>
    public sealed record MissingNames(IReadOnlyList<Retrieval.MissingName> Names) : QuestionIntent;

    /// <summary>"who is working on speculative decoding here?": the papers on the topic, each with its stored authors
    /// (and organisations where listed).</summary>
    public sealed record WhoWorksOn(string Topic) : QuestionIntent;

    /// <summary>"who does Yifan Song usually write with?", "Peiyi Wang's co-authors": the names on that author's papers,
    /// counted, and the papers.</summary>
    public sealed record CoAuthorsOf(string Name) : QuestionIntent;

    /// <summary>"who has the most papers here?", "which organisation has the most papers?", "top 3 authors on
    /// reasoning": the names on the most listings (of the <paramref name="Topic"/>'s papers when given), counted from
    /// the listings that name them. <paramref name="ByUpvotes"/>: "who is the most upvoted author?", "which organisation
    /// has the most upvotes?": ranked by the sum of their papers' upvotes instead of their number of papers.</summary>
    public sealed record TopNames(bool Organisations, int Limit, string? Topic, bool ByUpvotes = false) : QuestionIntent;

    /// <summary>"which year has the most papers?", "papers per year": the listed years by their number of papers.</summary>
    public sealed record TopYears : QuestionIntent;

    /// <summary>"how many papers are there?", "how many authors are listed?": what the listings hold, counted over every paper.</summary>
    public sealed record CollectionSize(CollectionSubject Subject) : QuestionIntent;

    /// <summary>"which came out first, BARS-CTR or the merge conflict resolution paper?", "DualMix vs the offline experience
    /// replay one - which is newer?", "is DeepSeekMoE newer than StableMoE?": stored facts (<paramref name="Facts"/>: date,
    /// upvotes, author count, organisations) of two papers the question names, side by side. A name no stored title
    /// matches has a null <see cref="ComparedPaper.PaperId"/> (the answer says that paper is not in the corpus).</summary>
    public sealed record ComparePapers(IReadOnlyList<ComparedPaper> Papers, PaperFacts Facts) : QuestionIntent;
}

/// <summary>One side of a <see cref="QuestionIntent.ComparePapers"/>: the name as the question writes it and the stored
/// paper it names, or null when no stored title matches it.</summary>
public sealed record ComparedPaper(string Name, string? PaperId);
