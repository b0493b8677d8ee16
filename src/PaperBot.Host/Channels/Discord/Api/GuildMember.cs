namespace PaperBot.Host.Channels.Discord.Api;

public sealed record GuildMember
{
    public DiscordUser? User { get; init; }
}
