namespace PaperBot.Core.Retrieval;

/// <summary>
/// What a question is embedded from (<see cref="PaperSearcher.DenseQueryTexts"/>): the text the papers are ranked by;
/// the text the corpus's closeness is judged by when it differs (<see cref="QueryEmbedding.AsWritten"/>); and the
/// generic lay phrases whose own pull is taken off the ranking (<see cref="LayWordDiscount"/>, empty when none or off).
/// </summary>
public sealed record DenseQuery(string Ranked, string? AsWritten, IReadOnlyList<string> GenericLayPhrases, double GenericLayWordDiscount);
