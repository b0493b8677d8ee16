using System.ComponentModel.DataAnnotations;

namespace PaperBot.Host.Digest.Inbox;

/// <summary>The watched folder for new listing files (<c>PaperBot:Inbox</c>); empty turns the watcher off.</summary>
public sealed class InboxOptions
{
    public const string SectionName = "PaperBot";

    public string? Inbox { get; set; }

    /// <summary>How often the folder is scanned (<c>PaperBot:InboxPollSeconds</c>).</summary>
    [Range(1, 3600)]
    public int InboxPollSeconds { get; set; } = 5;
}
