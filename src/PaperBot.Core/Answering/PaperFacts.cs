namespace PaperBot.Core.Answering;

/// <summary>Which stored facts a question asks about one named paper ("who wrote StableMoE?", "when was it released?").</summary>
[Flags]
public enum PaperFacts
{
    None = 0,
    Authors = 1,
    AuthorCount = 2,
    Date = 4,
    Orgs = 8,
    Upvotes = 16,
    Code = 32,
    /// <summary>"link to X", "project page of X": the links the listings give (project page, code repository).</summary>
    Links = 64,
}
