namespace PaperBot.Core.Retrieval;

/// <summary>
/// A name the question gives as an author or organisation that no listing has ("papers by Geoffrey Hinton", "what has
/// deepmind published?"). The answer says so plainly instead of searching for the words as a topic.
/// </summary>
/// <param name="Written">The name as the question writes it.</param>
/// <param name="Organisation">True for an organisation, false for an author.</param>
/// <param name="Closest">A stored name a few slips away, offered as "did you mean …?", or null.</param>
/// <param name="TextMentions">Papers whose title or abstract uses the name (an organisation such as OpenAI may be written
/// about without being any paper's tag), counted up to a small cap.</param>
public sealed record MissingName(string Written, bool Organisation, string? Closest, int TextMentions)
{
    /// <summary>"lists Geoffrey Hinton as an author", "lists deepmind as an organisation".</summary>
    public string Role => Organisation ? "as an organisation" : "as an author";
}
