namespace PaperBot.Host.Server;

/// <summary>What <c>/readyz</c> found: ready or not, and one line per check.</summary>
public sealed record Readiness(bool Ready, IReadOnlyList<string> Checks);
