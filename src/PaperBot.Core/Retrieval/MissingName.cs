namespace PaperBot.Core.Retrieval;

/// <summary>
/// A name the question gives as an author or organisation that no listing has ("papers by Geoffrey Hinton", "what has
/// deepmind published?"). The answer says so plainly instead of searching for the words as a topic.
/// </summary>
/// <param name="Written">The name as the question writes it.</param>
/// <param name="Role">Whose place the name has in the question.</param>
/// <param name="Closest">A stored name a few slips away, offered as "did you mean …?", or the stored names one slip
/// away when there are several ("Zheng Li or Zheng Xin"), or null.</param>
/// <param name="TextMentions">Papers whose title or abstract uses the (one-word) name, counted up to a small cap, or
/// null when not counted: an organisation such as OpenAI may be written about without being any paper's tag.</param>
public sealed record MissingName(string Written, NameRole Role, string? Closest, int? TextMentions)
{
    public bool Organisation => Role != NameRole.Author;

    /// <summary>"as an author", "as an organisation".</summary>
    public string RoleText => Role switch
    {
        NameRole.Author => "as an author",
        NameRole.Organisation => "as an organisation",
        _ => "as an author or organisation",
    };
}
