namespace PaperBot.Core.Ingest;

/// <summary>What the parser decided a listing line is. Every non-blank line gets exactly one role.</summary>
public enum LineRole
{
    Chrome,
    PageDate,
    CardHeader,
    Title,
    TitleWithAuthors,
    Abstract,
    AuthorCount,
    Organisation,
    FooterSeparator,
    FooterDate,
    Unplaced,
}
