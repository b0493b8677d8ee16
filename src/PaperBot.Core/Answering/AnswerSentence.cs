namespace PaperBot.Core.Answering;

/// <summary>One claim of an answer and the citation numbers that support it. Channels split long answers
/// between sentences, never inside one, so a claim always travels with its citation.</summary>
public sealed record AnswerSentence(string Text, IReadOnlyList<int> Citations)
{
    public string Render() => Citations.Count == 0 ? Text : $"{Text} {string.Concat(Citations.Select(n => $"[{n}]"))}";
}
