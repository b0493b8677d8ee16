namespace PaperBot.Core.Retrieval;

/// <summary>
/// What the listings hold, over every paper: how many papers, how many give a date with a year (or only a month and
/// day), name their authors (and how many of those show only the first few, "et al."), name organisations, give an
/// upvote count or are marked as having code; and how many distinct authors and organisations are named.
/// </summary>
public sealed record CollectionCounts(
    int Papers, int WithYear, int MonthAndDayOnly, int NamingAuthors, int TruncatingAuthors, int NamingOrgs, int WithUpvotes, int WithCode,
    int Authors, int Organisations);
