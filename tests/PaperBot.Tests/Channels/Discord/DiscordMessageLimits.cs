using System.Text.Json.Nodes;

namespace PaperBot.Tests.Discord;

/// <summary>
/// Discord's documented limits for a message body (developers/resources/message.mdx, "Embed Limits";
/// components/reference.mdx): content ≤ 2,000; ≤ 10 embeds; title ≤ 256, description ≤ 4,096, ≤ 25 fields, field
/// name ≤ 256 and value ≤ 1,024 (neither empty), footer ≤ 2,048, and title + description + fields + footer + author
/// ≤ 6,000 over all embeds; ≤ 5 action rows of 1–5 buttons, labels ≤ 80, custom_id ≤ 100 and unique in the message.
/// The fake Discord refuses a body that breaks one, as Discord does (400, 50035); tests check rendered messages too.
/// </summary>
public static class DiscordMessageLimits
{
    public static IReadOnlyList<string> Violations(JsonNode message)
    {
        var problems = new List<string>();
        var content = message["content"]?.GetValue<string>() ?? "";
        Check(problems, content.Length <= 2000, $"content is {content.Length} characters");
        var embeds = message["embeds"]?.AsArray() ?? [];
        Check(problems, embeds.Count <= 10, $"{embeds.Count} embeds");
        var total = 0;
        foreach (var embed in embeds)
        {
            var title = embed!["title"]?.GetValue<string>() ?? "";
            var description = embed["description"]?.GetValue<string>() ?? "";
            var footer = embed["footer"]?["text"]?.GetValue<string>() ?? "";
            var author = embed["author"]?["name"]?.GetValue<string>() ?? "";
            Check(problems, title.Length <= 256, $"embed title is {title.Length} characters");
            Check(problems, description.Length <= 4096, $"embed description is {description.Length} characters");
            Check(problems, footer.Length <= 2048, $"embed footer is {footer.Length} characters");
            total += title.Length + description.Length + footer.Length + author.Length;
            var fields = embed["fields"]?.AsArray() ?? [];
            Check(problems, fields.Count <= 25, $"{fields.Count} fields");
            foreach (var field in fields)
            {
                var name = field!["name"]?.GetValue<string>() ?? "";
                var value = field["value"]?.GetValue<string>() ?? "";
                Check(problems, name.Length is > 0 and <= 256, $"field name is {name.Length} characters");
                Check(problems, value.Length is > 0 and <= 1024, $"field value is {value.Length} characters");
                total += name.Length + value.Length;
            }
        }
        Check(problems, total <= 6000, $"embeds total {total} characters");
        var rows = message["components"]?.AsArray() ?? [];
        Check(problems, rows.Count <= 5, $"{rows.Count} action rows");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            Check(problems, row!["type"]?.GetValue<int>() == 1, "a top-level component that is not an action row");
            var buttons = row["components"]?.AsArray() ?? [];
            Check(problems, buttons.Count is >= 1 and <= 5, $"a row of {buttons.Count} buttons");
            foreach (var button in buttons)
            {
                Check(problems, button!["type"]?.GetValue<int>() == 2, "a row item that is not a button");
                var label = button["label"]?.GetValue<string>() ?? "";
                Check(problems, label.Length <= 80, $"button label is {label.Length} characters");
                if (button["style"]?.GetValue<int>() != 5)
                {
                    var id = button["custom_id"]?.GetValue<string>() ?? "";
                    Check(problems, id.Length is > 0 and <= 100, $"custom_id is {id.Length} characters");
                    Check(problems, ids.Add(id), $"custom_id {id} repeats");
                }
            }
        }
        return problems;
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }
}
