using System.Text;
using System.Text.Json;

namespace PaperBot.Tests.Discord;

/// <summary>Everything a person reads in a sent message: content, then each embed's title, description, fields and footer.</summary>
public static class DiscordMessageText
{
    public static string Of(JsonElement message)
    {
        var sb = new StringBuilder();
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            sb.AppendLine(content.GetString());
        }
        if (message.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == JsonValueKind.Array)
        {
            foreach (var embed in embeds.EnumerateArray())
            {
                foreach (var name in new[] { "title", "description" })
                {
                    if (embed.TryGetProperty(name, out var text))
                    {
                        sb.AppendLine(text.GetString());
                    }
                }
                if (embed.TryGetProperty("fields", out var fields))
                {
                    foreach (var field in fields.EnumerateArray())
                    {
                        sb.AppendLine(field.GetProperty("name").GetString()).AppendLine(field.GetProperty("value").GetString());
                    }
                }
                if (embed.TryGetProperty("footer", out var footer))
                {
                    sb.AppendLine(footer.GetProperty("text").GetString());
                }
            }
        }
        return sb.ToString();
    }
}
