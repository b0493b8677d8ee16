namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>An interaction as Discord POSTs it to the interactions endpoint (only the fields PaperBot reads).</summary>
public sealed record Interaction
{
    public string Id { get; init; } = "";
    public string ApplicationId { get; init; } = "";
    public InteractionType Type { get; init; }
    public InteractionData? Data { get; init; }
    public string? GuildId { get; init; }
    public string? ChannelId { get; init; }
    public GuildMember? Member { get; init; }
    /// <summary>Present in DMs; in guilds the user is inside <see cref="Member"/>.</summary>
    public DiscordUser? User { get; init; }
    public string Token { get; init; } = "";
    public int Version { get; init; }
    public string? Locale { get; init; }

    public DiscordUser? Invoker => Member?.User ?? User;
}
