using PaperBot.Core.Papers;

namespace PaperBot.Core.Conversations;

/// <summary>
/// A follow-up tied to the papers it refers to, and a standalone wording of it. When the reference cannot be resolved,
/// <see cref="AskBack"/> is the question to put back to the user instead of searching the words, and there are no papers.
/// </summary>
public sealed record ResolvedFollowUp(string StandaloneQuestion, IReadOnlyList<Paper> Papers, FollowUpAspect Aspect)
{
    public string? AskBack { get; init; }

    /// <summary>For <see cref="FollowUpAspect.FromWhom"/>: the organisation or author asked about.</summary>
    public string? Filter { get; init; }

    public static ResolvedFollowUp Unresolved(string question, string askBack) =>
        new(question, [], FollowUpAspect.Content) { AskBack = askBack };
}
