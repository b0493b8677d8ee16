using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Core.Http;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// Shared rate-limit state for every Discord REST call: buckets learnt from the <c>X-RateLimit-*</c> headers (never
/// hard-coded), the global limit announced by a global 429, and a guard against piling up invalid requests (401, 403
/// and 429 count towards Discord's IP ban; a rejected token or deleted webhook is never used again).
/// </summary>
public sealed class DiscordRateLimiter(TimeProvider time, IOptions<DiscordOptions> options)
{
    private static readonly TimeSpan InvalidRequestWindow = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private readonly Dictionary<string, string> bucketByRoute = [];
    private readonly Dictionary<string, BucketState> buckets = [];
    private readonly Queue<DateTimeOffset> invalidResponses = new();
    private readonly HashSet<string> deadWebhooks = [];
    private DateTimeOffset globalUntil;
    private bool tokenRejected;

    /// <summary>Waits until the route's bucket (and the global limit) allows one more request, then takes it.</summary>
    public async Task WaitTurnAsync(DiscordRoute route, bool usesBotToken, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (gate)
            {
                Refuse(route, usesBotToken);
                var now = time.GetUtcNow();
                wait = route.IsWebhook ? TimeSpan.Zero : globalUntil - now; // interaction webhooks are exempt from the global limit
                if (wait <= TimeSpan.Zero)
                {
                    if (!TryTake(route, now, out wait))
                    {
                        return;
                    }
                }
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Learns from a response's headers; on 429 blocks the bucket (or everything) for <c>retry_after</c>.</summary>
    public async Task ObserveAsync(DiscordRoute route, bool usesBotToken, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        (TimeSpan Wait, bool Global)? limited = null;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            limited = await ReadRateLimitedAsync(response, cancellationToken);
        }
        lock (gate)
        {
            var now = time.GetUtcNow();
            var bucketId = Header(response, "X-RateLimit-Bucket");
            if (bucketId is not null)
            {
                bucketByRoute[route.Template] = bucketId;
                var state = GetOrAdd(bucketId + ":" + route.MajorParameter);
                if (int.TryParse(Header(response, "X-RateLimit-Limit"), CultureInfo.InvariantCulture, out var limit))
                {
                    state.Limit = limit;
                }
                if (int.TryParse(Header(response, "X-RateLimit-Remaining"), CultureInfo.InvariantCulture, out var remaining))
                {
                    state.Remaining = remaining;
                }
                if (double.TryParse(Header(response, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
                {
                    state.Window = TimeSpan.FromSeconds(Math.Max(resetAfter, state.Window.TotalSeconds));
                    state.ResetAt = now + TimeSpan.FromSeconds(resetAfter);
                }
            }
            if (limited is { } rateLimited)
            {
                var until = now + rateLimited.Wait;
                if (rateLimited.Global)
                {
                    globalUntil = until > globalUntil ? until : globalUntil;
                }
                else if (bucketId is not null)
                {
                    var state = GetOrAdd(bucketId + ":" + route.MajorParameter);
                    state.Remaining = 0;
                    state.ResetAt = until;
                }
            }
            var status = (int)response.StatusCode;
            var shared = Header(response, "X-RateLimit-Scope") == "shared";
            if (status is 401 or 403 || (status == 429 && !shared))
            {
                invalidResponses.Enqueue(now);
            }
            if (status == 401 && usesBotToken)
            {
                tokenRejected = true;
            }
            if (status == 404 && route.IsWebhook)
            {
                deadWebhooks.Add(route.MajorParameter);
            }
        }
    }

    /// <summary>How long a 429 blocks (<see cref="RetryAfter"/>, a second when it names nothing) and whether it is global.</summary>
    private async Task<(TimeSpan Wait, bool Global)> ReadRateLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var wait = await RetryAfter.ReadAsync(response, time.GetUtcNow(), cancellationToken) ?? TimeSpan.FromSeconds(1);
        var global = Header(response, "X-RateLimit-Global") == "true";
        if (!global)
        {
            try
            {
                // RetryAfter.ReadAsync buffered the body.
                global = JsonSerializer.Deserialize<RateLimitedResponse>(await response.Content.ReadAsStringAsync(cancellationToken), DiscordJson.Options)?.Global == true;
            }
            catch (JsonException)
            {
                // A 429 from a proxy may carry HTML; only the header can say it is global then.
            }
        }
        return (wait, global);
    }

    private void Refuse(DiscordRoute route, bool usesBotToken)
    {
        if (usesBotToken && tokenRejected)
        {
            throw new DiscordRequestRefusedException("Discord rejected the bot token (401); fix Discord:BotToken and restart.");
        }
        if (route.IsWebhook && deadWebhooks.Contains(route.MajorParameter))
        {
            throw new DiscordRequestRefusedException("That interaction webhook returned 404 before; it is not called again.");
        }
        var cutoff = time.GetUtcNow() - InvalidRequestWindow;
        while (invalidResponses.Count > 0 && invalidResponses.Peek() < cutoff)
        {
            invalidResponses.Dequeue();
        }
        if (invalidResponses.Count >= options.Value.InvalidRequestBudget)
        {
            throw new DiscordRequestRefusedException(
                $"{invalidResponses.Count} invalid responses (401/403/429) in 10 minutes; pausing requests so Discord does not ban this IP.");
        }
    }

    private bool TryTake(DiscordRoute route, DateTimeOffset now, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (!bucketByRoute.TryGetValue(route.Template, out var bucketId) || !buckets.TryGetValue(bucketId + ":" + route.MajorParameter, out var state))
        {
            return false; // unknown bucket: the first response will tell us its limits
        }
        if (now >= state.ResetAt)
        {
            // The window has passed: a fresh one starts with this request.
            state.Remaining = state.Limit;
            state.ResetAt = now + state.Window;
        }
        if (state.Remaining > 0)
        {
            state.Remaining--;
            return false;
        }
        wait = state.ResetAt - now;
        return true;
    }

    private BucketState GetOrAdd(string key)
    {
        if (!buckets.TryGetValue(key, out var state))
        {
            state = new BucketState();
            buckets[key] = state;
        }
        return state;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed class BucketState
    {
        public int Limit { get; set; } = 1;
        public int Remaining { get; set; } = 1;
        public DateTimeOffset ResetAt { get; set; }
        public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
    }
}
