using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Discord;

/// <summary>Digest commands in Discord are slash commands whose options are named: <c>/digest unsubscribe id:dg…</c>.</summary>
public sealed class DiscordDigestCommandSyntax : IDigestCommandSyntax
{
    public static DiscordDigestCommandSyntax Instance { get; } = new();

    public string Origin => "discord";

    public string Command(string verb, string? subscriptionId = null) =>
        $"/{DigestSlashCommandModule.Name} {verb}" + (subscriptionId is null ? "" : " id:" + subscriptionId);
}
