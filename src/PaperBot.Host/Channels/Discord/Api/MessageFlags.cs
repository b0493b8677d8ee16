namespace PaperBot.Host.Channels.Discord.Api;

[Flags]
public enum MessageFlags
{
    None = 0,
    SuppressEmbeds = 1 << 2,
    /// <summary>Only the person who used the command sees the message.</summary>
    Ephemeral = 1 << 6,
}
