using System.Text;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Turns a <see cref="ChatReply"/> into Discord messages of at most 2,000 characters. Splits fall between sentences
/// (each sentence keeps its [n]) or between source lines, never inside one unless a single sentence is itself too
/// long. Every message parses no mentions.
/// </summary>
public static class DiscordReplyRenderer
{
    public const int MaxContentLength = 2000;

    public static IReadOnlyList<OutgoingMessage> ToMessages(ChatReply reply, MessageFlags? flags = null, int limit = MaxContentLength) =>
        Render(reply, limit).Select(content => new OutgoingMessage { Content = content, Flags = flags, AllowedMentions = AllowedMentions.None }).ToList();

    public static OutgoingMessage Notice(string text, bool ephemeral) => new()
    {
        Content = DiscordMarkdown.Escape(text),
        Flags = ephemeral ? MessageFlags.Ephemeral : null,
        AllowedMentions = AllowedMentions.None,
    };

    public static IReadOnlyList<string> Render(ChatReply reply, int limit = MaxContentLength)
    {
        var pieces = new List<(string Separator, string Text)>();
        if (!string.IsNullOrWhiteSpace(reply.Heading))
        {
            pieces.Add(("", "**" + DiscordMarkdown.Escape(reply.Heading) + "**"));
        }
        var body = reply.Body.Where(s => !string.IsNullOrWhiteSpace(s.Text)).ToList();
        var paragraph = reply.Kind is ReplyKind.Answer or ReplyKind.Problem;
        var leadThenList = paragraph && reply.IsLeadThenList(body);
        for (var i = 0; i < body.Count; i++)
        {
            var text = Sentence(body[i]);
            string separator;
            if (i == 0)
            {
                separator = "\n\n";
            }
            else if (leadThenList)
            {
                separator = "\n";
                text = body[i].Citations.Count > 0 ? "• " + text : text;
            }
            else
            {
                separator = paragraph ? " " : "\n";
            }
            pieces.Add((separator, text));
        }
        if (reply.Sources.Count > 0)
        {
            pieces.Add(("\n\n", "**Sources**"));
            pieces.AddRange(reply.Sources.Select(c => ("\n", Source(c))));
        }
        if (!string.IsNullOrWhiteSpace(reply.Footer))
        {
            pieces.Add(("\n\n", "*" + DiscordMarkdown.Escape(reply.Footer.Trim()) + "*"));
        }
        return Pack(pieces, limit);
    }

    /// <summary>Greedy packing: a piece goes into the current message if it fits with its separator, else starts the next.</summary>
    private static List<string> Pack(List<(string Separator, string Text)> pieces, int limit)
    {
        var messages = new List<string>();
        var current = new StringBuilder();
        foreach (var (separator, text) in pieces)
        {
            if (current.Length > 0 && current.Length + separator.Length + text.Length <= limit)
            {
                current.Append(separator).Append(text);
                continue;
            }
            if (current.Length > 0)
            {
                messages.Add(current.ToString());
                current.Clear();
            }
            foreach (var part in HardSplit(text, limit))
            {
                if (current.Length > 0)
                {
                    messages.Add(current.ToString());
                    current.Clear();
                }
                current.Append(part);
            }
        }
        if (current.Length > 0)
        {
            messages.Add(current.ToString());
        }
        return messages.Count > 0 ? messages : ["(no answer)"];
    }

    /// <summary>A single piece longer than a message is cut at the last space that fits (a backslash escape is never split).</summary>
    private static IEnumerable<string> HardSplit(string text, int limit)
    {
        var rest = text;
        while (rest.Length > limit)
        {
            var cut = rest.LastIndexOf(' ', limit - 1, limit / 2);
            if (cut <= 0)
            {
                cut = limit;
                if (rest[cut - 1] == '\\')
                {
                    cut--;
                }
            }
            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static string Sentence(AnswerSentence sentence)
    {
        var text = DiscordMarkdown.Escape(sentence.Text.Trim());
        return sentence.Citations.Count == 0 ? text : text + " " + string.Concat(sentence.Citations.Select(n => $"[{n}]"));
    }

    private static string Source(Citation c)
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(c.N).Append("] `").Append(c.Id.Replace('`', '\'')).Append("` ").Append(DiscordMarkdown.Escape(c.Title));
        if (!string.IsNullOrEmpty(c.Date))
        {
            sb.Append(" (").Append(DiscordMarkdown.Escape(c.Date)).Append(')');
        }
        if (!string.IsNullOrEmpty(c.Url) && Uri.TryCreate(c.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            // Angle brackets keep the link clickable without an embed preview for every source.
            sb.Append(" <").Append(url.AbsoluteUri).Append('>');
        }
        return sb.ToString();
    }
}
