namespace PaperBot.Core.Retrieval;

/// <summary>The place a name has in a question: an author's, an organisation's, or either ("papers by Hinton").</summary>
public enum NameRole
{
    Author,
    Organisation,
    /// <summary>One word after "papers by": a surname or an organisation, which cannot be told apart.</summary>
    AuthorOrOrganisation,
}
