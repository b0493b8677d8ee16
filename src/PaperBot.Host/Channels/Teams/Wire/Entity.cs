namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>An activity entity; PaperBot reads <c>mention</c> entities (<c>mentioned</c> + the <c>&lt;at&gt;</c> text).</summary>
public sealed record Entity(string? Type, ChannelAccount? Mentioned = null, string? Text = null);
