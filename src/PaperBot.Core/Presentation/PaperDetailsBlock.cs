namespace PaperBot.Core.Presentation;

/// <summary>
/// One paper in full (the "Abstract" action and <c>paper ID</c>): title, labelled facts (authors, date, upvotes,
/// links) and the abstract.
/// </summary>
public sealed record PaperDetailsBlock(string PaperId, string Title, IReadOnlyList<PaperFact> Facts, string Abstract, string? Url) : ReplyBlock;
