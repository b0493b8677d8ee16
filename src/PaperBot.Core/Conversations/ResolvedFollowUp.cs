using PaperBot.Core.Papers;

namespace PaperBot.Core.Conversations;

/// <summary>A follow-up tied to the papers it refers to, and a standalone wording of it.</summary>
public sealed record ResolvedFollowUp(string StandaloneQuestion, IReadOnlyList<Paper> Papers, FollowUpAspect Aspect);
