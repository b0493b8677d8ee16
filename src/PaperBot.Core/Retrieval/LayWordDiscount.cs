namespace PaperBot.Core.Retrieval;

/// <summary>
/// The generic lay phrases a question writes ("bot", "chatbots"), each embedded alone, and how much of a paper's
/// closeness to them is taken off its closeness to the question (<see cref="RetrievalOptions.GenericLayWordDiscount"/>):
/// a paper scores by its best passage's similarity to the question less <see cref="Weight"/> times its best passage's
/// similarity to the closest of these phrases.
/// </summary>
public sealed record LayWordDiscount(IReadOnlyList<float[]> Vectors, double Weight);
