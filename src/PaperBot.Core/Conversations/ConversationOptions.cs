using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Conversations;

/// <summary>How much conversation history is kept (<c>Conversations:*</c>); older turns are deleted, not just hidden.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>Turns kept per conversation; the oldest go first.</summary>
    [Range(1, 200)]
    public int MaxTurns { get; set; } = 20;

    /// <summary>Turns older than this are forgotten, so a follow-up never resolves against last week's answer.</summary>
    [Range(1, 24 * 90)]
    public double MaxAgeHours { get; set; } = 24;

    /// <summary>Turns shown to the model when it rewrites a follow-up.</summary>
    [Range(1, 20)]
    public int TurnsForRewrite { get; set; } = 4;
}
