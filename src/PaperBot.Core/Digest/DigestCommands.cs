using System.Globalization;
using System.Text;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;

namespace PaperBot.Core.Digest;

/// <summary>
/// "digest subscribe|unsubscribe|status|preview" for any channel. A channel adapter passes the text after "digest" (a
/// slash command's options can be joined into the same form) with its own target and command syntax, and renders the
/// <see cref="ChatReply"/>.
/// Options: cron="0 9 * * 1-5" tz=Europe/Berlin keywords=llm,agents min-upvotes=5 max-items=8.
/// </summary>
public sealed class DigestCommands(IDigestSubscriptionStore subscriptions, IDigestOutbox outbox, DigestDispatcher dispatcher, TimeProvider time)
{
    public const string Usage =
        "digest subscribe [cron=\"0 9 * * *\"] [tz=UTC] [keywords=a,b] [min-upvotes=N] [max-items=N] · digest unsubscribe [ID] · digest status · digest preview";

    public async Task<ChatReply> HandleAsync(DigestCommandContext context, string text, CancellationToken cancellationToken = default)
    {
        var tokens = Tokenize(text ?? "");
        var verb = tokens.Count == 0 ? "status" : tokens[0].ToLowerInvariant();
        var rest = tokens.Skip(1).ToList();
        try
        {
            return verb switch
            {
                "subscribe" => Subscribe(context, rest),
                "unsubscribe" => Unsubscribe(context, rest),
                "status" => Status(context),
                "preview" => await PreviewAsync(context, cancellationToken),
                _ => ChatReply.Problem("Unknown digest command \"" + Shorten(verb) + "\". Use: " + Usage),
            };
        }
        catch (System.Data.Common.DbException)
        {
            // With replicas, subscriptions live in PostgreSQL: when it is down, say so rather than fail the command.
            return ChatReply.Problem(DatabaseUnavailable);
        }
    }

    /// <summary>The reply to a digest command while the database holding subscriptions cannot be reached.</summary>
    public const string DatabaseUnavailable =
        "Sorry: the digest settings are out of reach right now (their database cannot be reached), so this command could not be completed. Please try again in a few minutes.";

    private ChatReply Subscribe(DigestCommandContext context, List<string> options)
    {
        if (!context.IsAdmin)
        {
            return ChatReply.Problem("Only admins can subscribe this channel to the digest.");
        }
        string? cron = null, tz = null;
        IReadOnlyList<string> keywords = [];
        int minUpvotes = 0;
        int? maxItems = null;
        foreach (var option in options)
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? option.ToLowerInvariant() : option[..eq].ToLowerInvariant();
            var value = eq < 0 ? "" : option[(eq + 1)..];
            switch (name)
            {
                case "cron": cron = value; break;
                case "tz" or "timezone" or "time-zone": tz = value; break;
                case "keywords": keywords = DigestFilters.ParseKeywords(value); break;
                case "min-upvotes" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n): minUpvotes = n; break;
                case "max-items" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m): maxItems = m; break;
                default:
                    return ChatReply.Problem($"I don't understand \"{Shorten(option)}\". Use: {Usage}");
            }
        }
        var target = context.Target;
        var active = subscriptions.ForTarget(target).Where(s => s.Active).ToList();
        if (active.Count > 0)
        {
            return ChatReply.Problem($"This channel already gets the digest ({active[0].Id}: {Describe(active[0])}). Unsubscribe first to change it.");
        }
        var created = subscriptions.TryCreate(new NewDigestSubscription(target, cron, tz, keywords, minUpvotes, maxItems, context.Syntax.Origin, context.UserId), out var error);
        if (created is null)
        {
            return ChatReply.Problem("Not subscribed: " + error);
        }
        var lines = new List<AnswerSentence> { new(Describe(created), []) };
        if (!dispatcher.HasSender(target.Kind))
        {
            lines.Add(new("Note: this server cannot post to this kind of channel yet, so digests will be reported as failed until it can.", []));
        }
        return Info($"Subscribed: {created.Id}", lines, "Stop it with: " + context.Syntax.Command("unsubscribe", created.Id));
    }

    private ChatReply Unsubscribe(DigestCommandContext context, List<string> options)
    {
        if (!context.IsAdmin)
        {
            return ChatReply.Problem("Only admins can unsubscribe this channel from the digest.");
        }
        var mine = subscriptions.ForTarget(context.Target).Where(s => s.Active).ToList();
        var chosen = options.Count > 0 ? mine.Where(s => s.Id == options[0].Trim()).ToList() : mine;
        if (chosen.Count == 0)
        {
            return ChatReply.Problem(options.Count > 0
                ? $"This channel has no active digest subscription \"{Shorten(options[0])}\"."
                : "This channel has no active digest subscription.");
        }
        foreach (var s in chosen)
        {
            subscriptions.Deactivate(s.Id, $"unsubscribed by {context.UserId}");
            outbox.CancelUnfinished(s.Id, "unsubscribed", time.GetUtcNow());
        }
        return Info("Unsubscribed", chosen.Select(s => new AnswerSentence($"{s.Id} stopped; no more digests here from it.", [])).ToList(), null);
    }

    private ChatReply Status(DigestCommandContext context)
    {
        var mine = subscriptions.ForTarget(context.Target);
        if (mine.Count == 0)
        {
            return Info("No digest here", [new("This channel is not subscribed to the daily digest.", [])], "Admins can start it with: " + context.Syntax.Command("subscribe"));
        }
        var lines = new List<AnswerSentence>();
        foreach (var s in mine.OrderByDescending(s => s.Active))
        {
            lines.Add(new($"{s.Id}: {(s.Active ? "active" : "stopped (" + s.DeactivatedReason + ")")}; {Describe(s)}", []));
            if (s.Active && dispatcher.NextDueFor(s) is { } next)
            {
                lines.Add(new("Next digest: " + FormatLocal(next, s.Schedule.Zone), []));
            }
            if (outbox.Recent(s.Id, 1) is [var last, ..])
            {
                lines.Add(new($"Last digest ({FormatLocal(last.PeriodAt, s.Schedule.Zone)}): {DigestOutboxStateNames.Name(last.State)}" +
                              (last.LastError is null ? "" : " — " + last.LastError), []));
            }
        }
        return Info("Digest status", lines, null);
    }

    private async Task<ChatReply> PreviewAsync(DigestCommandContext context, CancellationToken cancellationToken)
    {
        var subscription = subscriptions.ForTarget(context.Target).FirstOrDefault(s => s.Active);
        if (subscription is null)
        {
            return ChatReply.Problem("This channel has no digest subscription to preview. Admins can start one with: " + context.Syntax.Command("subscribe"));
        }
        return ToReply(await dispatcher.PreviewAsync(subscription, cancellationToken));
    }

    /// <summary>A digest as a chat reply: one line per paper with its summary, citing it; the sources carry id and link.</summary>
    public static ChatReply ToReply(DigestContent content) => new()
    {
        Kind = content.IsEmpty ? ReplyKind.Help : ReplyKind.SearchResults,
        Heading = "Digest preview: " + content.Heading,
        Body = content.Items.Select((item, i) => new AnswerSentence($"{item.Title} ({item.PaperId}): {item.Summary}", [i + 1])).ToList(),
        Sources = content.Items.Select((item, i) => new Citation(i + 1, item.PaperId, item.Title, item.Link, item.Date)).ToList(),
        Blocks = content.IsEmpty ? null : DigestBlocks(content),
        Footer = content.Footer.Length == 0 ? null : content.Footer,
    };

    /// <summary>The digest as blocks: the overview (when an LLM wrote one) and one list item per paper with its summary.</summary>
    public static IReadOnlyList<ReplyBlock> DigestBlocks(DigestContent content)
    {
        var blocks = new List<ReplyBlock>();
        if (content.Overview is { Length: > 0 } overview)
        {
            blocks.Add(new ProseBlock([new AnswerSentence(overview.Trim(), [])]));
        }
        blocks.Add(new PaperListBlock(null, content.Items.Select((item, i) => new PaperListItem(i + 1, item.PaperId, item.Title, item.Date, item.Link, item.Summary)
        {
            Facts = DigestFacts(item),
        }).ToList()));
        return blocks;
    }

    private static List<string> DigestFacts(DigestItem item)
    {
        var facts = new List<string>();
        if (item.Upvotes is { } upvotes)
        {
            facts.Add(upvotes == 1 ? "1 upvote" : $"{upvotes} upvotes");
        }
        if (item.MatchedKeywords.Count > 0)
        {
            facts.Add("matches " + string.Join(", ", item.MatchedKeywords));
        }
        return facts;
    }

    public static string Describe(DigestSubscription s) =>
        $"cron \"{s.Schedule.Cron}\" in {s.Schedule.TimeZone}; {s.Filters.Describe()}";

    private static ChatReply Info(string heading, IReadOnlyList<AnswerSentence> lines, string? footer) =>
        new() { Kind = ReplyKind.Help, Heading = heading, Body = lines, Footer = footer };

    private static string FormatLocal(DateTimeOffset utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        return local.ToString("ddd MMM d, HH:mm", CultureInfo.InvariantCulture) + " " + zone.Id;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>Splits on spaces, keeping double-quoted runs together: cron="0 9 * * *" is one token.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text.Trim())
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }
        return tokens;
    }
}
