using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Discord;

/// <summary>Digest targets that are Discord channel ids, posted to by the bot.</summary>
public sealed class DiscordChannelTarget : IDigestTargetKind
{
    public const string KindName = "discord-channel";

    public string Name => KindName;

    public string SettingName => "DiscordChannel";

    public string? Check(string address) => address.All(char.IsAsciiDigit)
        ? null
        : $"\"{address}\" is not a Discord channel id (a number like 123456789012345678).";

    public string Display(string address) => address;
}
