namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// A content question as the composer reads it: its kind, the thing it names (X in "which paper introduced X",
/// "what did X find", "how does X work"), and for a comparison the other side.
/// </summary>
public sealed record ContentQuestion(ContentKind Kind, string? Subject = null, string? Other = null)
{
    /// <summary>"what did X propose / introduce": the contributions rather than the results.</summary>
    public bool AsksForContribution { get; init; }
}
