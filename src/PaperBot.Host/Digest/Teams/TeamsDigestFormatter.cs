using System.Text;
using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Teams;

/// <summary>
/// Renders a digest as markdown messages for Teams, starting a new message before one would pass
/// <see cref="MaxCharacters"/> (Teams' limits vary from 28 KB to 100 KB; 12,000 UTF-16 characters stays under the
/// smallest with room for the activity around it). Deterministic.
/// </summary>
public static class TeamsDigestFormatter
{
    public const int MaxCharacters = 12_000;

    public static IReadOnlyList<TeamsDigestMessage> Render(DigestContent content)
    {
        var messages = new List<TeamsDigestMessage>();
        var current = new StringBuilder().Append("**PaperBot digest: ").Append(content.Heading).Append("**\n\n");
        if (content.Overview is { Length: > 0 } overview)
        {
            current.Append(Escape(overview)).Append("\n\n");
        }
        for (var i = 0; i < content.Items.Count; i++)
        {
            var block = Block(content.Items[i], i + 1);
            if (current.Length + block.Length > MaxCharacters && current.Length > 0)
            {
                messages.Add(new TeamsDigestMessage(current.ToString().TrimEnd()));
                current.Clear();
            }
            current.Append(block.Length > MaxCharacters ? block[..MaxCharacters] : block);
        }
        if (content.Footer.Length > 0)
        {
            current.Append('\n').Append(content.Footer);
        }
        messages.Add(new TeamsDigestMessage(current.ToString().TrimEnd()));
        return messages;
    }

    private static string Block(DigestItem item, int n)
    {
        var title = item.Link is not null ? $"[{Escape(item.Title)}]({item.Link})" : Escape(item.Title);
        var facts = new List<string> { $"id `{item.PaperId}`" };
        if (item.Upvotes is { } u)
        {
            facts.Add($"{u} upvotes");
        }
        if (item.Date is not null)
        {
            facts.Add(item.Date);
        }
        return $"{n}. **{title}** ({string.Join(", ", facts)})  \n{Escape(item.Summary)}  \nAsk about it: paper {item.PaperId}\n\n";
    }

    /// <summary>Paper text is shown as text, not as markdown links or emphasis.</summary>
    private static string Escape(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)
        .Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
