using System.Text.Json.Serialization;

namespace PaperBot.Host.Evaluation;

/// <summary>
/// One evaluation question, one JSON object per line. <see cref="GoldTitles"/> are the papers a right answer
/// rests on (an untitled paper is written "UNTITLED:" plus the first 60 characters of its abstract); an empty
/// list means the corpus has nothing on it and the right answer is to say so. <see cref="Mismatch"/> marks a
/// paraphrase written in words the gold abstract does not use.
/// </summary>
public sealed record EvalQuestion
{
    public const string UntitledPrefix = "UNTITLED:";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("question")]
    public required string Question { get; init; }

    [JsonPropertyName("gold_titles")]
    public IReadOnlyList<string> GoldTitles { get; init; } = [];

    [JsonPropertyName("answer_facts")]
    public IReadOnlyList<string> AnswerFacts { get; init; } = [];

    [JsonPropertyName("mismatch")]
    public bool Mismatch { get; init; }

    [JsonPropertyName("notes")]
    public string? Notes { get; init; }

    public bool ExpectsAbstention => GoldTitles.Count == 0;
}
