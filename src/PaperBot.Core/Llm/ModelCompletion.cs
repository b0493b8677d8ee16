using PaperBot.Core.Answering;

namespace PaperBot.Core.Llm;

/// <summary>A model's whole reply to one prompt and what the call cost.</summary>
public sealed record ModelCompletion(string Text, AnswerUsage Usage);
