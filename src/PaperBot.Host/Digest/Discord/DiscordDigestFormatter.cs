using System.Text;
using PaperBot.Core.Digest;
using PaperBot.Core.Presentation;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// Renders a digest as Discord messages: the heading as the first message's content, one embed per paper, and a new
/// message whenever the next embed would pass 10 embeds or the 6000-character total. Deterministic, so a resumed
/// delivery renders the same parts. Posted by the bot, each paper also gets a row of buttons (Abstract, Similar, Ask
/// about), so a message holds at most five papers (five rows); webhooks cannot carry buttons that call the bot back.
/// </summary>
public static class DiscordDigestFormatter
{
    /// <summary>Discord allows 6000; a margin keeps trimming and counting differences harmless.</summary>
    public const int MaxEmbedCharacters = DiscordEmbed.MaxTotal - 200;
    public const int MaxSummary = 1500;

    public static IReadOnlyList<OutgoingMessage> Render(DigestContent content, bool withButtons = false)
    {
        var maxEmbeds = withButtons ? DiscordComponent.MaxRows : OutgoingMessage.MaxEmbeds;
        var title = $"**PaperBot digest: {content.Heading}**";
        var footer = content.Footer.Length > 0 ? "\n" + content.Footer : "";
        // The overview is model text drawn from abstracts: escaped so it cannot format the message, and the part that
        // gives way when the first message runs long, so the heading and footer always show.
        var overview = content.Overview is { Length: > 0 } text
            ? "\n" + Clip(Channels.Discord.Commands.DiscordMarkdown.Escape(text), Math.Max(1, OutgoingMessage.MaxContent - title.Length - footer.Length - 1))
            : "";
        var heading = Clip(title + overview + footer, OutgoingMessage.MaxContent);
        var messages = new List<OutgoingMessage>();
        var embeds = new List<DiscordEmbed>();
        var rows = new List<DiscordComponent>();
        var urls = new HashSet<string>(StringComparer.Ordinal);
        var size = 0;
        foreach (var (embed, item, n) in content.Items.Select((item, i) => (EmbedFor(item, i + 1), item, i + 1)))
        {
            if (embeds.Count == maxEmbeds || size + embed.CountedLength > MaxEmbedCharacters)
            {
                messages.Add(Message(messages.Count == 0 ? heading : null, embeds, rows));
                embeds = [];
                rows = [];
                urls.Clear();
                size = 0;
            }
            // Discord merges embeds that share a url into one, so a repeated link is left off.
            embeds.Add(embed.Url is not null && !urls.Add(embed.Url) ? embed with { Url = null } : embed);
            size += embed.CountedLength;
            if (withButtons && PaperActionPayload.IsPaperId(item.PaperId))
            {
                rows.Add(DiscordComponent.Row([
                    DiscordComponent.Button($"Abstract [{n}]", PaperActionPayload.Encode(PaperActionKind.Abstract, item.PaperId)),
                    DiscordComponent.Button($"Similar to [{n}]", PaperActionPayload.Encode(PaperActionKind.Similar, item.PaperId)),
                    DiscordComponent.Button($"Ask about [{n}]", PaperActionPayload.Encode(PaperActionKind.AskAbout, item.PaperId), style: 1),
                ]));
            }
        }
        if (embeds.Count > 0 || messages.Count == 0)
        {
            messages.Add(Message(messages.Count == 0 ? heading : null, embeds, rows));
        }
        return messages;
    }

    /// <summary>One message within Discord's limits (content, 10 embeds, the embeds' 6000 characters), pinging nobody:
    /// summaries quote paper text. Embeds are always set, empty for a note with none.</summary>
    private static OutgoingMessage Message(string? content, List<DiscordEmbed> embeds, List<DiscordComponent> rows) =>
        new() { Content = content, Embeds = embeds, Components = rows.Count > 0 ? rows : null, AllowedMentions = AllowedMentions.None };

    /// <summary>Numbered as the overview cites them: [2] is the embed titled "2. …".</summary>
    private static DiscordEmbed EmbedFor(DigestItem item, int n)
    {
        var description = new StringBuilder(Clip(item.Summary, MaxSummary));
        var facts = new List<string> { $"id `{item.PaperId}`" };
        if (item.Upvotes is { } upvotes)
        {
            facts.Add($"{upvotes} upvotes");
        }
        if (item.Date is not null)
        {
            facts.Add(item.Date);
        }
        if (item.MatchedKeywords.Count > 0)
        {
            facts.Add("matches " + string.Join(", ", item.MatchedKeywords));
        }
        description.Append("\n\n").Append(string.Join(" · ", facts));
        var url = item.Link is not null && Uri.TryCreate(item.Link, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? item.Link : null;
        return new DiscordEmbed(Clip($"{n}. {item.Title}", DiscordEmbed.MaxTitle), description.ToString(), url, new DiscordEmbedFooter($"Ask about it: /paper {item.PaperId}"));
    }

    private static string Clip(string text, int max)
    {
        text = text.Trim();
        return text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
    }
}
