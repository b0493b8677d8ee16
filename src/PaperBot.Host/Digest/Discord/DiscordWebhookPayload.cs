using System.Text.Json.Serialization;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Digest.Discord;

/// <summary>The JSON body of "execute webhook".</summary>
public sealed record DiscordWebhookPayload(
    [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content,
    [property: JsonPropertyName("embeds")] IReadOnlyList<DiscordEmbed> Embeds,
    [property: JsonPropertyName("allowed_mentions")] DiscordAllowedMentions AllowedMentions);
