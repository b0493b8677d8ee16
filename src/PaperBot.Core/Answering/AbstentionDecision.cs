namespace PaperBot.Core.Answering;

/// <summary>Whether the best papers support an answer, and if not why: the reason goes into logs, eval output and the
/// "not in the papers" answers. <see cref="UnknownNames"/> are the question's names that no paper uses.</summary>
public sealed record AbstentionDecision(bool Answer, string Reason, IReadOnlyList<string> UnknownNames)
{
    /// <summary>The name the question is about, as written, when it is declined because no paper mentions it: the answer
    /// says so ("No paper in the N papers mentions X; the closest are …").</summary>
    public string? AbsentName { get; init; }

    /// <summary>Answered on a loose match only (a paraphrase in chat words that shares few words with the papers): the
    /// answer says so, since the closest paper may not be the one meant.</summary>
    public bool Tentative { get; init; }

    /// <summary>Declined for now, but the halves of the question (<see cref="AnsweringOptions.HalvesMaxRank"/>) may still
    /// vouch for the best paper: the caller embeds them and decides again with their ranks.</summary>
    public bool AsksForHalves { get; init; }

    public static AbstentionDecision Answerable(string reason) => new(true, reason, []);

    public static AbstentionDecision Decline(string reason, IReadOnlyList<string>? unknownNames = null) => new(false, reason, unknownNames ?? []);
}
