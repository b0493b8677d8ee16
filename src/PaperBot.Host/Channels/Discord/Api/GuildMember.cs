namespace PaperBot.Host.Channels.Discord.Api;

public sealed record GuildMember
{
    public DiscordUser? User { get; init; }
    /// <summary>The member's permissions in the channel, as a decimal bit-set string (sent with interactions).</summary>
    public string? Permissions { get; init; }
}
