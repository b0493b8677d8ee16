using System.Text;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Draws a reply's <see cref="ReplyPresentation"/> as Discord messages: an embed whose description carries the prose
/// with its [n] marks or the paper list (one line per paper: number, linked title, date, why it is here), a
/// comparison as two inline fields, the sources no block showed as numbered fields with links and dates, the footer
/// as the embed footer, and a row of buttons per paper (Abstract, Similar, Ask about). Stays within Discord's limits
/// (4,096-character descriptions, 25 fields, 6,000 characters per message, five rows of five buttons); a description
/// too long for one embed continues in the next message, split between sentences or list lines, never inside one.
/// Problems are a plain line. Every message parses no mentions.
/// </summary>
public static class DiscordReplyRenderer
{
    /// <summary>Answer embeds' colour (Discord blurple).</summary>
    public const int AnswerColor = 0x5865F2;
    /// <summary>Room under Discord's 6,000 so that counting differences (escapes, surrogate pairs) never matter.</summary>
    private const int MessageBudget = DiscordEmbed.MaxTotal - 200;
    private const int DescriptionBudget = DiscordEmbed.MaxDescription - 96;
    private const int SourceFieldsBudget = 3000;

    public static IReadOnlyList<OutgoingMessage> ToMessages(ChatReply reply, MessageFlags? flags = null) =>
        ToMessages(reply.Present(), flags);

    public static IReadOnlyList<OutgoingMessage> ToMessages(ReplyPresentation reply, MessageFlags? flags = null)
    {
        if (reply.Kind == ReplyKind.Problem)
        {
            var text = string.Join(" ", reply.Blocks.OfType<ProseBlock>().SelectMany(b => b.Sentences).Select(s => s.Text.Trim()));
            return [Notice(text.Length == 0 ? "That did not work." : text, flags == MessageFlags.Ephemeral)];
        }
        var embeds = Embeds(reply);
        var components = Components(reply);
        return embeds.Select((embed, i) => new OutgoingMessage
        {
            Embeds = [embed],
            Flags = flags,
            AllowedMentions = AllowedMentions.None,
            // The buttons go under the end of the answer.
            Components = i == embeds.Count - 1 && components.Count > 0 ? components : null,
        }).ToList();
    }

    public static OutgoingMessage Notice(string text, bool ephemeral) => new()
    {
        Content = Clip(DiscordMarkdown.Escape(text), OutgoingMessage.MaxContent),
        Flags = ephemeral ? MessageFlags.Ephemeral : null,
        AllowedMentions = AllowedMentions.None,
    };

    /// <summary>The embeds of a reply, one per message; each within every embed limit.</summary>
    public static IReadOnlyList<DiscordEmbed> Embeds(ReplyPresentation reply)
    {
        var lines = new List<(string Separator, string Text)>();
        var fields = new List<DiscordEmbedField>();
        string? url = null;
        foreach (var block in reply.Blocks)
        {
            var first = true;
            string Sep(string within)
            {
                var s = lines.Count == 0 ? "" : first ? "\n\n" : within;
                first = false;
                return s;
            }
            switch (block)
            {
                case ProseBlock prose:
                    foreach (var s in prose.Sentences)
                    {
                        lines.Add((Sep(prose.LinePerSentence ? "\n" : " "), Sentence(s)));
                    }
                    break;
                case PaperListBlock list:
                    if (!string.IsNullOrWhiteSpace(list.Lead))
                    {
                        lines.Add((Sep("\n"), DiscordMarkdown.Escape(list.Lead.Trim())));
                    }
                    foreach (var item in list.Items)
                    {
                        lines.Add((Sep(item.Why is null ? "\n" : "\n\n"), Item(item)));
                    }
                    if (!string.IsNullOrWhiteSpace(list.Closing))
                    {
                        lines.Add((Sep("\n"), "*" + DiscordMarkdown.Escape(list.Closing.Trim()) + "*"));
                    }
                    break;
                case ComparisonBlock comparison:
                    if (!string.IsNullOrWhiteSpace(comparison.Lead))
                    {
                        lines.Add((Sep(" "), DiscordMarkdown.Escape(comparison.Lead.Trim())));
                    }
                    foreach (var s in comparison.Shared)
                    {
                        lines.Add((Sep(" "), Sentence(s)));
                    }
                    fields.Add(SideField(comparison.Left));
                    fields.Add(SideField(comparison.Right));
                    break;
                case PaperDetailsBlock details:
                    lines.Add((Sep(" "), DiscordMarkdown.Escape(details.Abstract.Trim())));
                    url = WebLink(details.Url);
                    fields.AddRange(details.Facts
                        .Where(f => f.Label != "Links")
                        .Select(f => new DiscordEmbedField(Clip(f.Label, DiscordEmbed.MaxFieldName), Clip(DiscordMarkdown.Escape(f.Value), DiscordEmbed.MaxFieldValue), Inline: f.Value.Length <= 60)));
                    break;
            }
        }
        fields.AddRange(SourceFields(reply.UnlistedSources, DiscordEmbed.MaxFields - fields.Count));
        fields = fields.Take(DiscordEmbed.MaxFields).ToList();

        var title = string.IsNullOrWhiteSpace(reply.Heading) ? null : Clip(DiscordMarkdown.Escape(reply.Heading.Trim()), DiscordEmbed.MaxTitle);
        var footer = reply.Footer is null ? null : new DiscordEmbedFooter(Clip(reply.Footer, DiscordEmbed.MaxFooter));
        var last = new DiscordEmbed(null, null, null, footer) { Fields = fields.Count > 0 ? fields : null, Color = AnswerColor };
        var fixedLength = (title?.Length ?? 0) + last.CountedLength;

        // Pack the description lines; the first embed carries the title, the last the fields and footer.
        var descriptions = new List<string>();
        var current = new StringBuilder();
        foreach (var (separator, raw) in lines)
        {
            var text = Clip(raw, DescriptionBudget);
            var budget = Math.Min(DescriptionBudget, MessageBudget - fixedLength);
            if (current.Length > 0 && current.Length + separator.Length + text.Length > budget)
            {
                descriptions.Add(current.ToString());
                current.Clear();
            }
            current.Append(current.Length > 0 ? separator : "").Append(text);
        }
        if (current.Length > 0 || descriptions.Count == 0)
        {
            descriptions.Add(current.ToString());
        }

        var embeds = new List<DiscordEmbed>();
        for (var i = 0; i < descriptions.Count; i++)
        {
            var isLast = i == descriptions.Count - 1;
            embeds.Add(new DiscordEmbed(i == 0 ? title : null, descriptions[i].Length > 0 ? descriptions[i] : null, i == 0 ? url : null, isLast ? footer : null)
            {
                Fields = isLast && fields.Count > 0 ? fields : null,
                Color = AnswerColor,
            });
        }
        return embeds;
    }

    /// <summary>One row per paper (Abstract, Similar, Ask about), at most five rows: Discord's limit.</summary>
    public static IReadOnlyList<DiscordComponent> Components(ReplyPresentation reply) => reply.ActionsByPaper
        .Take(DiscordComponent.MaxRows)
        .Select(paper => DiscordComponent.Row(paper
            .Take(DiscordComponent.MaxButtonsPerRow)
            .Select(action => DiscordComponent.Button(ButtonLabel(action), PaperActionPayload.Encode(action), action.Kind == PaperActionKind.AskAbout ? 1 : 2))
            .ToList()))
        .ToList();

    private static string ButtonLabel(PaperAction action) => action.N is { } n
        ? action.Kind switch
        {
            PaperActionKind.Abstract => $"Abstract [{n}]",
            PaperActionKind.Similar => $"Similar to [{n}]",
            PaperActionKind.AskAbout => $"Ask about [{n}]",
            _ => action.Label,
        }
        : action.Label;

    private static string Sentence(AnswerSentence sentence)
    {
        var text = DiscordMarkdown.Escape(sentence.Text.Trim());
        return sentence.Citations.Count == 0 ? text : text + " " + string.Concat(sentence.Citations.Select(n => $"[{n}]"));
    }

    /// <summary>"**[1]** [Title](url) · Feb 25, 2024 · facts", then why it is here on the next line.</summary>
    private static string Item(PaperListItem item)
    {
        var sb = new StringBuilder();
        sb.Append("**[").Append(item.N).Append("]** ").Append(LinkedTitle(item.Title, item.Url));
        if (item.Date is not null)
        {
            sb.Append(" · ").Append(DiscordMarkdown.Escape(item.Date));
        }
        foreach (var fact in item.Facts)
        {
            sb.Append(" · ").Append(DiscordMarkdown.Escape(fact));
        }
        sb.Append(" · `").Append(item.PaperId).Append('`');
        if (!string.IsNullOrWhiteSpace(item.Why))
        {
            sb.Append('\n').Append(DiscordMarkdown.Escape(item.Why.Trim()));
        }
        return sb.ToString();
    }

    private static DiscordEmbedField SideField(ComparisonSide side)
    {
        var value = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(side.Method))
        {
            value.Append("**Method:** ").Append(DiscordMarkdown.Escape(side.Method.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(side.Result))
        {
            value.Append(value.Length > 0 ? "\n" : "").Append("**Result:** ").Append(DiscordMarkdown.Escape(side.Result.Trim()));
        }
        var reference = SourceValue(side.PaperId, side.Date, side.Url);
        var room = DiscordEmbed.MaxFieldValue - reference.Length - 2;
        var body = value.Length == 0 ? "*The abstract does not say.*" : Clip(value.ToString(), room);
        return new DiscordEmbedField(Clip($"[{side.N}] {DiscordMarkdown.Escape(side.Title)}", DiscordEmbed.MaxFieldName), body + "\n" + reference, Inline: true);
    }

    /// <summary>Numbered source fields: "[n] title" over "`id` · date · link". Sources past the budget share one last field.</summary>
    private static IEnumerable<DiscordEmbedField> SourceFields(IReadOnlyList<Citation> sources, int room)
    {
        var used = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            var c = sources[i];
            var field = new DiscordEmbedField(Clip($"[{c.N}] {DiscordMarkdown.Escape(c.Title)}", DiscordEmbed.MaxFieldName), SourceValue(c.Id, c.Date, c.Url));
            var rest = sources.Count - i;
            if (room <= 1 && rest > 0 || used + field.Name.Length + field.Value.Length > SourceFieldsBudget)
            {
                yield return new DiscordEmbedField("More sources", Clip(string.Join(", ", sources.Skip(i).Select(s => $"[{s.N}] `{s.Id}`")), DiscordEmbed.MaxFieldValue));
                yield break;
            }
            used += field.Name.Length + field.Value.Length;
            room--;
            yield return field;
        }
    }

    private static string SourceValue(string id, string? date, string? url)
    {
        var parts = new List<string> { $"`{id.Replace('`', '\'')}`" };
        if (!string.IsNullOrEmpty(date))
        {
            parts.Add(DiscordMarkdown.Escape(date));
        }
        if (WebLink(url) is { } link)
        {
            parts.Add($"[link]({link})");
        }
        return string.Join(" · ", parts);
    }

    private static string LinkedTitle(string title, string? url)
    {
        var text = DiscordMarkdown.Escape(title.Trim());
        return WebLink(url) is { } link ? $"[{text}]({link})" : $"**{text}**";
    }

    /// <summary>An http(s) link safe inside a markdown link's parentheses, or null.</summary>
    private static string? WebLink(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            : null;

    private static string Clip(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text[..(max - 1)].TrimEnd();
        // A backslash escape or a surrogate pair is never split.
        if (cut.Length > 0 && (cut[^1] == '\\' || char.IsHighSurrogate(cut[^1])))
        {
            cut = cut[..^1];
        }
        return cut + "…";
    }
}
