namespace PaperBot.Host.Channels.Discord.Api;

public sealed record AllowedMentions(IReadOnlyList<string> Parse, bool RepliedUser = false)
{
    /// <summary>Parse nothing: no user, role, @everyone or @here in the text pings anyone.</summary>
    public static AllowedMentions None { get; } = new([]);
}
