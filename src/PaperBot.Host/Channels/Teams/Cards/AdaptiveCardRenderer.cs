using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams.Cards;

/// <summary>
/// Renders a <see cref="ChatReply"/> as Adaptive Card 1.5 message activities: the answer, the numbered sources
/// with their ids, "open" actions for sources with a link, and the plain text as the card's fallback. A reply
/// too large for one message is split between sentences, and each part carries the sources its sentences cite,
/// so a claim never travels without its [n].
/// </summary>
public sealed class AdaptiveCardRenderer(IOptions<TeamsOptions> options)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string CardVersion = "1.5";

    /// <summary>Teams' design guidance: at most six primary actions on a card.</summary>
    public const int MaxActions = 6;

    /// <summary>Room kept for the "part n of m" line and addressing fields added when the activity is sent.</summary>
    private const int AddressingReserve = 1_000;

    public IReadOnlyList<Activity> Render(ChatReply reply)
    {
        var budget = options.Value.MaxActivityBytes - AddressingReserve;
        // The card text and its fallback both carry a sentence, so one sentence may use at most a quarter.
        var maxSentence = budget / 4;
        var sentences = reply.Body.Select(s => s.Text.Length <= maxSentence ? s : s with { Text = s.Text[..(maxSentence - 1)] + "…" }).ToList();

        var parts = new List<List<AnswerSentence>>();
        var current = new List<AnswerSentence>();
        foreach (var sentence in sentences)
        {
            var candidate = new List<AnswerSentence>(current) { sentence };
            if (current.Count > 0 && Measure(BuildCard(reply, candidate, parts.Count == 0, isLast: true, partLabel: null)) > budget)
            {
                parts.Add(current);
                current = [sentence];
            }
            else
            {
                current = candidate;
            }
        }
        parts.Add(current);

        var activities = new List<Activity>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var label = parts.Count > 1 ? $"Part {i + 1} of {parts.Count}" : null;
            var card = BuildCard(reply, parts[i], i == 0, i == parts.Count - 1, label);
            activities.Add(new Activity
            {
                Type = ActivityTypes.Message,
                Summary = Summary(reply, parts[i]),
                Attachments = [new Attachment(ContentType, card)],
            });
        }
        return activities;
    }

    /// <summary>The card of one part: heading on the first, footer and any uncited sources on the last.</summary>
    public static JsonObject BuildCard(ChatReply reply, IReadOnlyList<AnswerSentence> sentences, bool isFirst, bool isLast, string? partLabel)
    {
        var cited = sentences.SelectMany(s => s.Citations).ToHashSet();
        var citedAnywhere = reply.Body.SelectMany(s => s.Citations).ToHashSet();
        var sources = reply.Sources.Where(c => cited.Contains(c.N) || (isLast && !citedAnywhere.Contains(c.N))).ToList();

        var body = new JsonArray();
        var plain = new StringBuilder();
        if (isFirst && reply.Heading is not null)
        {
            body.Add(TextBlock(TeamsMarkdown.Escape(reply.Heading), weight: "Bolder", size: "Medium"));
            plain.AppendLine(reply.Heading);
        }
        if (partLabel is not null)
        {
            body.Add(TextBlock(partLabel, subtle: true, size: "Small"));
        }
        if (reply.Kind is ReplyKind.Answer or ReplyKind.Problem)
        {
            // Prose: one paragraph, sentences in order, each with its markers.
            var paragraph = string.Join(" ", sentences.Select(s => s.Render()));
            if (paragraph.Length > 0)
            {
                body.Add(TextBlock(string.Join(" ", sentences.Select(Markdown))));
                plain.AppendLine(paragraph);
            }
        }
        else
        {
            foreach (var sentence in sentences)
            {
                body.Add(TextBlock(Markdown(sentence), spacing: "Small"));
                plain.AppendLine(sentence.Render());
            }
        }
        if (sources.Count > 0)
        {
            body.Add(TextBlock("Sources", weight: "Bolder", spacing: "Medium"));
            plain.AppendLine("Sources:");
            foreach (var source in sources)
            {
                body.Add(TextBlock(SourceLine(source), spacing: "Small"));
                plain.AppendLine(ChatReply.FormatSource(source));
            }
        }
        if (isLast && !string.IsNullOrEmpty(reply.Footer))
        {
            body.Add(TextBlock(TeamsMarkdown.Escape(reply.Footer), subtle: true, size: "Small", spacing: "Medium"));
            plain.AppendLine(reply.Footer);
        }

        var actions = new JsonArray();
        foreach (var source in sources.Where(s => IsWebLink(s.Url)).Take(MaxActions))
        {
            actions.Add(new JsonObject
            {
                ["type"] = "Action.OpenUrl",
                ["title"] = $"Open [{source.N}] {source.Id}",
                ["url"] = source.Url,
            });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = CardVersion,
            ["fallbackText"] = plain.ToString().TrimEnd(),
            ["body"] = body,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }
        return card;
    }

    /// <summary>"[n] id — title (date)", the title linked when the source has a web link.</summary>
    private static string SourceLine(Citation c)
    {
        var title = IsWebLink(c.Url) ? $"[{TeamsMarkdown.Escape(EscapeLinkText(c.Title))}]({EscapeLinkTarget(c.Url!)})" : TeamsMarkdown.Escape(c.Title);
        return $"[{c.N}] **{TeamsMarkdown.Escape(c.Id)}** — {title}" + (c.Date is null ? "" : $" ({TeamsMarkdown.Escape(c.Date)})");
    }

    /// <summary>A sentence as markdown: its text literal, its citation markers as they are.</summary>
    private static string Markdown(AnswerSentence sentence) =>
        TeamsMarkdown.Escape(sentence.Text) + (sentence.Citations.Count == 0 ? "" : " " + string.Concat(sentence.Citations.Select(n => $"[{n}]")));

    // A space or parenthesis in the link target would end it early, and the rest would show as text.
    private static string EscapeLinkTarget(string url) =>
        url.Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);

    private static JsonObject TextBlock(string text, string? weight = null, string? size = null, bool subtle = false, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (weight is not null)
        {
            block["weight"] = weight;
        }
        if (size is not null)
        {
            block["size"] = size;
        }
        if (subtle)
        {
            block["isSubtle"] = true;
        }
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }
        return block;
    }

    private static string Summary(ChatReply reply, IReadOnlyList<AnswerSentence> sentences)
    {
        var text = reply.Heading ?? (sentences.Count > 0 ? sentences[0].Text : "PaperBot");
        return text.Length <= 200 ? text : text[..199] + "…";
    }

    private static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    // Brackets in a title would end the markdown link early.
    private static string EscapeLinkText(string text) => text.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);

    /// <summary>The size that counts against Teams' limit: the activity's JSON as sent.</summary>
    public static int Measure(JsonObject card) => JsonSerializer.SerializeToUtf8Bytes(
        new Activity { Type = ActivityTypes.Message, Attachments = [new Attachment(ContentType, card)] }, TeamsJson.Options).Length;
}
