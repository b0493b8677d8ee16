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

    /// <summary>"when was DialogQAE published": the date of the paper the rest of the question names.</summary>
    public sealed record DateOf(string PaperDescription) : QuestionIntent;
}
