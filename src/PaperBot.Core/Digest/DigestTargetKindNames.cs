namespace PaperBot.Core.Digest;

/// <summary>The stable names of target kinds used in the database, the CLI and configuration.</summary>
public static class DigestTargetKindNames
{
    public const string DiscordWebhook = "discord-webhook";
    public const string DiscordChannel = "discord-channel";
    public const string TeamsConversation = "teams-conversation";

    public static string ToName(this DigestTargetKind kind) => kind switch
    {
        DigestTargetKind.DiscordWebhook => DiscordWebhook,
        DigestTargetKind.DiscordChannel => DiscordChannel,
        DigestTargetKind.TeamsConversation => TeamsConversation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static DigestTargetKind Parse(string name) => name switch
    {
        DiscordWebhook => DigestTargetKind.DiscordWebhook,
        DiscordChannel => DigestTargetKind.DiscordChannel,
        TeamsConversation => DigestTargetKind.TeamsConversation,
        _ => throw new FormatException($"Unknown digest target kind \"{name}\"."),
    };
}
