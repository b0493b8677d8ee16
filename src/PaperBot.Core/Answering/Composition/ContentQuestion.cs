namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// A content question as the composer reads it: its kind, the thing it names (X in "which paper introduced X",
/// "what did X find", "how does X work"), and for a comparison the other side.
/// </summary>
public sealed record ContentQuestion(ContentKind Kind, string? Subject = null, string? Other = null)
{
    /// <summary>"what did X propose / introduce": the contributions rather than the results.</summary>
    public bool AsksForContribution { get; init; }

    /// <summary>"what do they call the degradation?", "what are the three benchmarks called?", "what do they model K as?":
    /// a name the paper gives (the sentence that introduces it first). Read as a <see cref="ContentKind.Figure"/> question.</summary>
    public bool AsksForName { get; init; }

    /// <summary>What the asked name names: "benchmark" in "which benchmark did it introduce?", "degradation" in "what do
    /// they call the degradation?"; null when the question does not say.</summary>
    public string? NameOf { get; init; }

    /// <summary>"how many…", "how big…", "what accuracy…": a number (the sentence carrying it first).</summary>
    public bool AsksForNumber { get; init; }

    /// <summary>"how many turns did it need and what is the framework called?": more than one thing asked, so the answer
    /// shows a sentence more from the paper.</summary>
    public bool AsksSeveral { get; init; }
}
