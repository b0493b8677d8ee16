using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams.Cards;

/// <summary>
/// Draws a reply's <see cref="ReplyPresentation"/> as Adaptive Card 1.5 message activities: prose as paragraphs with
/// their [n] marks, a paper list one Container per paper (number, linked title, date, why it is here), a comparison as
/// a two-column ColumnSet (method and result under each paper), one paper in full as facts and its abstract, the
/// sources no block showed, and per paper the buttons "Abstract", "Similar papers" and "Ask about this paper"
/// (Action.Submit as messageBack, data <see cref="PaperActionPayload"/>). Only Teams' markdown subset (bold, links)
/// is used. A reply too large for one activity is split between sentences or papers, and each part carries the
/// sources its sentences cite, so a claim never travels without its [n].
/// </summary>
public sealed class AdaptiveCardRenderer(IOptions<TeamsOptions> options)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string CardVersion = "1.5";

    /// <summary>Teams' design guidance: at most six primary actions in one set.</summary>
    public const int MaxActions = 6;

    /// <summary>Longer lists get no buttons under every paper (a wall of buttons); tapping a paper opens its abstract.</summary>
    public const int MaxPapersWithButtons = 10;

    /// <summary>Where the button's payload travels in the card action's value.</summary>
    public const string ValueProperty = "paperbot";

    /// <summary>Room kept for the "part n of m" line and addressing fields added when the activity is sent.</summary>
    private const int AddressingReserve = 1_000;
    private const int MaxFallbackText = 1_500;

    public IReadOnlyList<Activity> Render(ChatReply reply) => Render(reply.Present());

    public IReadOnlyList<Activity> Render(ReplyPresentation reply) => Render(reply, options.Value.MaxActivityBytes);

    /// <summary>As <see cref="Render(ReplyPresentation)"/> with an explicit activity size budget (the digest's).</summary>
    public static IReadOnlyList<Activity> Render(ReplyPresentation reply, int maxActivityBytes)
    {
        var budget = maxActivityBytes - AddressingReserve;
        // One sentence may use at most a quarter of a card; the rest of its budget is for what surrounds it.
        var units = Units(reply, budget / 4);

        var parts = new List<List<Unit>>();
        var current = new List<Unit>();
        foreach (var unit in units)
        {
            var candidate = new List<Unit>(current) { unit };
            if (current.Count > 0 && Measure(BuildCard(reply, candidate, parts.Count == 0, isLast: true, partLabel: "Part 10 of 10")) > budget)
            {
                parts.Add(current);
                current = [unit];
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

    /// <summary>A piece of the body that is never split: a sentence, a list entry, the comparison, the paper card.</summary>
    private sealed record Unit(int Block, JsonObject? Element, AnswerSentence? Sentence, bool LinePerSentence, IReadOnlyList<int> Cites, string Plain);

    private static List<Unit> Units(ReplyPresentation reply, int maxSentence)
    {
        var units = new List<Unit>();
        var buttons = reply.ActionsByPaper.ToDictionary(g => g.Key, g => (IReadOnlyList<PaperAction>)g.ToList(), StringComparer.Ordinal);
        var listed = reply.Blocks.OfType<PaperListBlock>().Sum(l => l.Items.Count) + reply.UnlistedSources.Count;
        for (var b = 0; b < reply.Blocks.Count; b++)
        {
            switch (reply.Blocks[b])
            {
                case ProseBlock prose:
                    foreach (var s in prose.Sentences)
                    {
                        var sentence = s.Text.Length <= maxSentence ? s : s with { Text = s.Text[..(maxSentence - 1)] + "…" };
                        units.Add(new Unit(b, null, sentence, prose.LinePerSentence, sentence.Citations, sentence.Render()));
                    }
                    break;
                case PaperListBlock list:
                    if (!string.IsNullOrWhiteSpace(list.Lead))
                    {
                        units.Add(new Unit(b, TextBlock(TeamsMarkdown.Escape(list.Lead.Trim()), spacing: "Medium"), null, false, [], list.Lead.Trim()));
                    }
                    foreach (var item in list.Items)
                    {
                        var why = item.Why is { Length: > 0 } w && w.Length > maxSentence ? w[..(maxSentence - 1)] + "…" : item.Why;
                        units.Add(new Unit(b, PaperEntry(item.N, item.PaperId, item.Title, item.Date, item.Url, item.Facts, why, Buttons(buttons, item.PaperId), listed <= MaxPapersWithButtons),
                            null, false, [], $"[{item.N}] {item.Title}" + (why is null ? "" : " — " + why)));
                    }
                    if (!string.IsNullOrWhiteSpace(list.Closing))
                    {
                        units.Add(new Unit(b, TextBlock(TeamsMarkdown.Escape(list.Closing.Trim()), subtle: true, spacing: "Medium"), null, false, [], list.Closing.Trim()));
                    }
                    break;
                case ComparisonBlock comparison:
                    units.Add(new Unit(b, Comparison(comparison, buttons), null, false, comparison.Shared.SelectMany(s => s.Citations).ToList(),
                        $"[{comparison.Left.N}] {comparison.Left.Title} / [{comparison.Right.N}] {comparison.Right.Title}"));
                    break;
                case PaperDetailsBlock details:
                    units.Add(new Unit(b, Details(details, buttons, maxSentence), null, false, [], details.Title));
                    break;
            }
        }
        return units;
    }

    private static IReadOnlyList<PaperAction> Buttons(Dictionary<string, IReadOnlyList<PaperAction>> buttons, string paperId) =>
        buttons.TryGetValue(paperId, out var actions) ? actions : [];

    /// <summary>The card of one part: heading on the first, footer and any uncited sources on the last.</summary>
    private static JsonObject BuildCard(ReplyPresentation reply, IReadOnlyList<Unit> units, bool isFirst, bool isLast, string? partLabel)
    {
        var cited = units.SelectMany(u => u.Cites).ToHashSet();
        var citedAnywhere = reply.Blocks.OfType<ProseBlock>().SelectMany(p => p.Sentences).SelectMany(s => s.Citations)
            .Concat(reply.Blocks.OfType<ComparisonBlock>().SelectMany(c => c.Shared).SelectMany(s => s.Citations)).ToHashSet();
        var sources = reply.UnlistedSources.Where(c => cited.Contains(c.N) || (isLast && !citedAnywhere.Contains(c.N))).ToList();
        var buttons = reply.ActionsByPaper.ToDictionary(g => g.Key, g => (IReadOnlyList<PaperAction>)g.ToList(), StringComparer.Ordinal);
        var listed = reply.Blocks.OfType<PaperListBlock>().Sum(l => l.Items.Count) + reply.UnlistedSources.Count;

        var body = new JsonArray();
        var plain = new StringBuilder();
        if (isFirst && !string.IsNullOrWhiteSpace(reply.Heading))
        {
            body.Add(TextBlock(TeamsMarkdown.Escape(reply.Heading.Trim()), weight: "Bolder", size: reply.Kind == ReplyKind.PaperDetails ? "Large" : "Medium"));
            plain.AppendLine(reply.Heading.Trim());
        }
        if (partLabel is not null)
        {
            body.Add(TextBlock(partLabel, subtle: true, size: "Small"));
        }
        var content = new JsonArray();
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (unit.Sentence is not null && !unit.LinePerSentence)
            {
                // Consecutive sentences of one prose block make one paragraph.
                var paragraph = new List<Unit> { unit };
                while (i + 1 < units.Count && units[i + 1] is { Sentence: not null, LinePerSentence: false } next && next.Block == unit.Block)
                {
                    paragraph.Add(next);
                    i++;
                }
                content.Add(TextBlock(string.Join(" ", paragraph.Select(u => Markdown(u.Sentence!))), spacing: content.Count > 0 ? "Medium" : null));
                plain.AppendLine(string.Join(" ", paragraph.Select(u => u.Plain)));
            }
            else if (unit.Sentence is not null)
            {
                content.Add(TextBlock(Markdown(unit.Sentence), spacing: "Small"));
                plain.AppendLine(unit.Plain);
            }
            else
            {
                content.Add(unit.Element!.DeepClone());
                plain.AppendLine(unit.Plain);
            }
        }
        if (reply.Kind == ReplyKind.Problem)
        {
            // A refusal or a problem: said plainly in a soft warning box, not as an answer.
            body.Add(new JsonObject { ["type"] = "Container", ["style"] = "warning", ["items"] = content });
        }
        else
        {
            foreach (var element in content)
            {
                body.Add(element!.DeepClone());
            }
        }
        if (sources.Count > 0)
        {
            body.Add(TextBlock("Sources", weight: "Bolder", spacing: "Large"));
            plain.AppendLine("Sources:");
            foreach (var source in sources)
            {
                body.Add(PaperEntry(source.N, source.Id, source.Title, source.Date, source.Url, [], null, Buttons(buttons, source.Id), listed <= MaxPapersWithButtons));
                plain.AppendLine(PlainTextRenderer.FormatSource(source));
            }
        }
        if (isLast && !string.IsNullOrWhiteSpace(reply.Footer))
        {
            body.Add(TextBlock(TeamsMarkdown.Escape(reply.Footer.Trim()), subtle: true, size: "Small", spacing: "Medium", separator: true));
            plain.AppendLine(reply.Footer.Trim());
        }

        var fallback = plain.ToString().TrimEnd();
        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = CardVersion,
            ["fallbackText"] = fallback.Length <= MaxFallbackText ? fallback : fallback[..(MaxFallbackText - 1)] + "…",
            ["body"] = body,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
    }

    /// <summary>
    /// One paper as a list entry: "[n] linked title", a subtle line with date, facts and id, why it is here, and its
    /// buttons, or (in long lists) the whole entry opening its abstract when tapped.
    /// </summary>
    private static JsonObject PaperEntry(int n, string id, string title, string? date, string? url, IReadOnlyList<string> facts, string? why,
        IReadOnlyList<PaperAction> actions, bool withButtons)
    {
        var items = new JsonArray { TextBlock($"**[{n}]** {LinkedTitle(title, url)}") };
        var meta = new List<string>();
        if (date is not null)
        {
            meta.Add(date);
        }
        meta.AddRange(facts);
        meta.Add(id);
        items.Add(TextBlock(TeamsMarkdown.Escape(string.Join(" · ", meta)), subtle: true, size: "Small", spacing: "None"));
        if (!string.IsNullOrWhiteSpace(why))
        {
            items.Add(TextBlock(TeamsMarkdown.Escape(why.Trim()), spacing: "Small"));
        }
        var entry = new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items };
        if (actions.Count > 0 && withButtons)
        {
            items.Add(ActionSet(actions, n));
        }
        else if (actions.FirstOrDefault(a => a.Kind == PaperActionKind.Abstract) is { } open)
        {
            entry["selectAction"] = Submit(open, n);
        }
        return entry;
    }

    /// <summary>Two columns, each the paper (number, linked title, date) over its method and result; shared sentences below; then each paper's buttons.</summary>
    private static JsonObject Comparison(ComparisonBlock comparison, Dictionary<string, IReadOnlyList<PaperAction>> buttons)
    {
        var items = new JsonArray();
        if (!string.IsNullOrWhiteSpace(comparison.Lead))
        {
            items.Add(TextBlock(TeamsMarkdown.Escape(comparison.Lead.Trim())));
        }
        items.Add(new JsonObject
        {
            ["type"] = "ColumnSet",
            ["spacing"] = "Medium",
            ["columns"] = new JsonArray { Column(comparison.Left), Column(comparison.Right) },
        });
        if (comparison.Shared.Count > 0)
        {
            items.Add(TextBlock(TeamsMarkdown.Escape(string.Join(" ", comparison.Shared.Select(s => s.Render()))), spacing: "Medium"));
        }
        // Three buttons would crowd half a card, so each paper's buttons make a row below the columns, numbered.
        foreach (var side in new[] { comparison.Left, comparison.Right })
        {
            var actions = Buttons(buttons, side.PaperId).Take(MaxActions).Select(a => (JsonNode)Submit(a, side.N, numbered: true)).ToArray();
            if (actions.Length > 0)
            {
                items.Add(new JsonObject { ["type"] = "ActionSet", ["spacing"] = "Small", ["actions"] = new JsonArray(actions) });
            }
        }
        return new JsonObject { ["type"] = "Container", ["items"] = items };
    }

    private static JsonObject Column(ComparisonSide side)
    {
        var items = new JsonArray
        {
            TextBlock($"**[{side.N}]** {LinkedTitle(side.Title, side.Url)}"),
            TextBlock(TeamsMarkdown.Escape(side.Date is null ? side.PaperId : $"{side.Date} · {side.PaperId}"), subtle: true, size: "Small", spacing: "None"),
        };
        if (!string.IsNullOrWhiteSpace(side.Method))
        {
            items.Add(TextBlock("Method", weight: "Bolder", size: "Small", spacing: "Medium"));
            items.Add(TextBlock(TeamsMarkdown.Escape(side.Method.Trim()), spacing: "None"));
        }
        if (!string.IsNullOrWhiteSpace(side.Result))
        {
            items.Add(TextBlock("Result", weight: "Bolder", size: "Small", spacing: "Medium"));
            items.Add(TextBlock(TeamsMarkdown.Escape(side.Result.Trim()), spacing: "None"));
        }
        if (string.IsNullOrWhiteSpace(side.Method) && string.IsNullOrWhiteSpace(side.Result))
        {
            items.Add(TextBlock("The abstract does not say.", subtle: true));
        }
        return new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = items };
    }

    /// <summary>One paper in full: its facts as a FactSet, the abstract, then what to do next.</summary>
    private static JsonObject Details(PaperDetailsBlock details, Dictionary<string, IReadOnlyList<PaperAction>> buttons, int maxText)
    {
        var facts = new JsonArray();
        foreach (var fact in details.Facts.Where(f => f.Label != "Links"))
        {
            facts.Add(new JsonObject { ["title"] = fact.Label, ["value"] = fact.Value });
        }
        var text = details.Abstract.Trim();
        var items = new JsonArray
        {
            new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
            TextBlock("Abstract", weight: "Bolder", spacing: "Medium"),
            TextBlock(TeamsMarkdown.Escape(text.Length <= maxText ? text : text[..(maxText - 1)] + "…"), spacing: "Small"),
        };
        var actions = new JsonArray();
        if (IsWebLink(details.Url))
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the paper", ["url"] = details.Url });
        }
        foreach (var action in Buttons(buttons, details.PaperId))
        {
            actions.Add(Submit(action, null));
        }
        if (actions.Count > 0)
        {
            items.Add(new JsonObject { ["type"] = "ActionSet", ["spacing"] = "Medium", ["actions"] = actions });
        }
        return new JsonObject { ["type"] = "Container", ["items"] = items };
    }

    private static JsonObject ActionSet(IReadOnlyList<PaperAction> actions, int? n) => new()
    {
        ["type"] = "ActionSet",
        ["spacing"] = "Small",
        ["actions"] = new JsonArray(actions.Take(MaxActions).Select(a => (JsonNode)Submit(a, n)).ToArray()),
    };

    /// <summary>
    /// An Action.Submit sent as messageBack: Teams posts a message activity whose value carries the payload (and whose
    /// text repeats it, for clients that drop the value); the user sees <c>displayText</c> as what they asked for.
    /// </summary>
    public static JsonObject Submit(PaperAction action, int? n, bool numbered = false)
    {
        var payload = PaperActionPayload.Encode(action);
        var title = numbered && n is { } m
            ? action.Kind switch
            {
                PaperActionKind.Abstract => $"Abstract [{m}]",
                PaperActionKind.Similar => $"Similar to [{m}]",
                _ => $"Ask about [{m}]",
            }
            : action.Label;
        var shown = (n is { } k ? $"[{k}] " : "") + action.Label;
        return new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject
            {
                ["msteams"] = new JsonObject
                {
                    ["type"] = "messageBack",
                    ["displayText"] = shown,
                    ["text"] = payload,
                    ["value"] = new JsonObject { [ValueProperty] = payload },
                },
            },
        };
    }

    private static JsonObject TextBlock(string text, string? weight = null, string? size = null, bool subtle = false, string? spacing = null, bool separator = false)
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
        if (separator)
        {
            block["separator"] = true;
        }
        return block;
    }

    private static string Summary(ReplyPresentation reply, IReadOnlyList<Unit> units)
    {
        var text = reply.Heading ?? (units.Count > 0 ? units[0].Plain : "PaperBot");
        return text.Length <= 200 ? text : text[..199] + "…";
    }

    /// <summary>A sentence as markdown: its text literal (the user's and the papers' words are never markup), its citation markers as they are.</summary>
    private static string Markdown(AnswerSentence sentence) =>
        TeamsMarkdown.Escape(sentence.Text) + (sentence.Citations.Count == 0 ? "" : " " + string.Concat(sentence.Citations.Select(n => $"[{n}]")));

    private static string LinkedTitle(string title, string? url) =>
        IsWebLink(url) ? $"[{TeamsMarkdown.Escape(EscapeLinkText(title))}]({EscapeLinkTarget(url!)})" : $"**{TeamsMarkdown.Escape(title)}**";

    private static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    // Brackets in a title would end the markdown link early.
    private static string EscapeLinkText(string text) => text.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);

    // A space or parenthesis in the link target would end it early, and the rest would show as text.
    private static string EscapeLinkTarget(string url) =>
        url.Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);

    /// <summary>The size that counts against Teams' limit: the activity's JSON as sent.</summary>
    public static int Measure(JsonObject card) => JsonSerializer.SerializeToUtf8Bytes(
        new Activity { Type = ActivityTypes.Message, Attachments = [new Attachment(ContentType, card)] }, TeamsJson.Options).Length;
}
