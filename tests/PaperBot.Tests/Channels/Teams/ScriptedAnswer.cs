namespace PaperBot.Tests.Teams;

/// <summary>What the fake connector answers to the next send into a conversation (instead of 200).</summary>
public sealed record ScriptedAnswer(int Status, string Body = "", string? RetryAfter = null);
