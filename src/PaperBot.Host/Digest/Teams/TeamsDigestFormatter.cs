using System.Text;
using PaperBot.Core.Chat;
using PaperBot.Core.Digest;
using PaperBot.Core.Presentation;
using PaperBot.Host.Channels.Teams.Cards;

namespace PaperBot.Host.Digest.Teams;

/// <summary>
/// Renders a digest for Teams: per part an Adaptive Card (one Container per paper with its summary and the buttons
/// "Abstract", "Similar papers", "Ask about this paper") and the same part as markdown text, which is the card's
/// notification summary and what a text-only sender posts. A new part starts every
/// <see cref="AdaptiveCardRenderer.MaxPapersWithButtons"/> papers, so every paper keeps its buttons, and before the
/// text would pass <see cref="MaxCharacters"/> (Teams' limits vary from 28 KB to 100 KB; 12,000 UTF-16 characters
/// stays under the smallest with room for the activity around it). Deterministic.
/// </summary>
public static class TeamsDigestFormatter
{
    public const int MaxCharacters = 12_000;

    /// <summary>The card budget: the channel's default activity size.</summary>
    public const int MaxCardBytes = 24_000;

    public static IReadOnlyList<TeamsDigestMessage> Render(DigestContent content)
    {
        var messages = new List<TeamsDigestMessage>();
        var current = new StringBuilder().Append("**PaperBot digest: ").Append(content.Heading).Append("**\n\n");
        if (content.Overview is { Length: > 0 } overview)
        {
            current.Append(Escape(overview)).Append("\n\n");
        }
        var first = 0;
        for (var i = 0; i < content.Items.Count; i++)
        {
            var block = Block(content.Items[i], i + 1);
            if (current.Length > 0 && (current.Length + block.Length > MaxCharacters || i - first == AdaptiveCardRenderer.MaxPapersWithButtons))
            {
                messages.AddRange(Part(content, current.ToString().TrimEnd(), first, i, last: false));
                current.Clear();
                first = i;
            }
            current.Append(block.Length > MaxCharacters ? block[..MaxCharacters] : block);
        }
        if (content.Footer.Length > 0)
        {
            current.Append('\n').Append(content.Footer);
        }
        messages.AddRange(Part(content, current.ToString().TrimEnd(), first, content.Items.Count, last: true));
        return messages;
    }

    /// <summary>One part's text and card (items <paramref name="from"/> to <paramref name="to"/>, numbered as in the
    /// whole digest). A card too large for one activity becomes several messages, the text riding on the first.</summary>
    private static IEnumerable<TeamsDigestMessage> Part(DigestContent content, string text, int from, int to, bool last)
    {
        var blocks = DigestCommands.DigestBlocks(content with { Overview = from == 0 ? content.Overview : null });
        var items = blocks.OfType<PaperListBlock>().Single().Items.Skip(from).Take(to - from).ToList();
        var reply = new ChatReply
        {
            Kind = ReplyKind.SearchResults,
            Heading = from == 0 ? "PaperBot digest: " + content.Heading : null,
            Blocks = [.. blocks.OfType<ProseBlock>(), new PaperListBlock(null, items)],
            Footer = last && content.Footer.Length > 0 ? content.Footer : null,
        };
        var cards = AdaptiveCardRenderer.Render(reply.Present(), MaxCardBytes);
        return cards.Select((activity, i) => new TeamsDigestMessage(i == 0 ? text : "")
        {
            Card = (System.Text.Json.Nodes.JsonObject)activity.Attachments![0].Content!,
        });
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
