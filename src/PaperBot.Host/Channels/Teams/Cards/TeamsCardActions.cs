using System.Text.Json;
using System.Text.Json.Nodes;
using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams.Cards;

/// <summary>
/// The card buttons ("Abstract", "Similar papers", "Ask about this paper"). Teams delivers an Action.Submit sent as
/// messageBack as a message activity whose <c>value</c> holds what the card put there (some clients send it as a JSON
/// string) and whose text repeats the payload. Both come from the client and may be forged or stale: only
/// <see cref="PaperActionPayload"/>'s exact shape is acted on, a paper that is gone gets a polite line, and presses
/// are limited per user (<see cref="MaxPressesPerWindow"/> per <see cref="Window"/>), as a flood of questions would be.
/// </summary>
public sealed class TeamsCardActions(PaperBotAssistant assistant, TimeProvider time, ILogger<TeamsCardActions> logger)
{
    public const int MaxPressesPerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const string Unrecognised = "That button isn't one I can act on (it may be from an older version of me). Ask again to get fresh buttons.";

    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> presses = new(StringComparer.Ordinal);

    /// <summary>The button payload an activity carries, or null when it is an ordinary message. A value that names
    /// our property but is not a string still counts as a (bad) press, so it gets a refusal rather than an answer.</summary>
    public static string? ReadPayload(Activity activity, string text)
    {
        var value = activity.Value;
        if (value is JsonValue raw && raw.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('{'))
        {
            try
            {
                value = JsonNode.Parse(json);
            }
            catch (JsonException)
            {
                value = null;
            }
        }
        if (value is JsonObject obj && obj.TryGetPropertyValue(AdaptiveCardRenderer.ValueProperty, out var payload))
        {
            return payload is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        }
        return text.StartsWith(PaperActionPayload.Prefix + ":", StringComparison.Ordinal) ? text : null;
    }

    public ChatReply Handle(string payload, string conversationId, string userId)
    {
        if (!PaperActionPayload.TryParse(payload, out var kind, out var paperId))
        {
            logger.LogDebug("Refused a card action with an unknown payload in {Conversation}", conversationId);
            return ChatReply.Problem(Unrecognised);
        }
        if (!TryAcquire(userId, out var retryAfter))
        {
            return ChatReply.Problem($"That's a lot of buttons at once; please try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.");
        }
        return kind switch
        {
            PaperActionKind.Abstract => assistant.PaperDetails(paperId),
            PaperActionKind.Similar => assistant.Similar(paperId),
            _ => assistant.About(paperId, conversationId),
        };
    }

    private bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (presses.Count > 10_000)
            {
                foreach (var key in presses.Where(p => p.Value.Count == 0 || p.Value.Last() <= now - Window).Select(p => p.Key).ToList())
                {
                    presses.Remove(key);
                }
            }
            if (!presses.TryGetValue(userId, out var times))
            {
                presses[userId] = times = new Queue<DateTimeOffset>();
            }
            while (times.Count > 0 && times.Peek() <= now - Window)
            {
                times.Dequeue();
            }
            if (times.Count >= MaxPressesPerWindow)
            {
                retryAfter = times.Peek() + Window - now;
                return false;
            }
            times.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
