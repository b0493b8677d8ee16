using PaperBot.Core.Answering;

namespace PaperBot.Core.Conversations;

/// <summary>A model's standalone wording of a follow-up, and what the call cost.</summary>
public sealed record FollowUpRewrite(string StandaloneQuestion, AnswerUsage Usage);
