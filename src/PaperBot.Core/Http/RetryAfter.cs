using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PaperBot.Core.Http;

/// <summary>
/// The one reader of how long a server asked us to wait before trying again, used by every HTTP client's retry layer
/// (Discord, the digest's webhooks, the Teams connector, the LLM). Times are read against the caller's clock
/// (a <see cref="TimeProvider"/>'s now), so tests move time instead of waiting; callers cap what they accept.
/// </summary>
public static class RetryAfter
{
    /// <summary>The <c>Retry-After</c> header's wait (seconds, or an HTTP date), never negative; null when there is none.</summary>
    public static TimeSpan? FromHeader(HttpResponseMessage? response, DateTimeOffset now)
    {
        TimeSpan? wait = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>
    /// The wait a response names, most precise first: a 429's JSON body <c>retry_after</c> (Discord, fractional
    /// seconds), the <c>Retry-After</c> header, then <c>X-RateLimit-Reset-After</c>. Null when none does. Reading
    /// buffers the body, so the caller can still read it afterwards.
    /// </summary>
    public static async Task<TimeSpan?> ReadAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Content is not null)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("retry_after", out var value) &&
                    value.TryGetDouble(out var seconds) && seconds >= 0)
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page): the headers decide.
            }
        }
        if (FromHeader(response, now) is { } header)
        {
            return header;
        }
        if (response.Headers.TryGetValues("X-RateLimit-Reset-After", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter) && resetAfter >= 0)
        {
            return TimeSpan.FromSeconds(resetAfter);
        }
        return null;
    }

    /// <summary>The wait, no longer than <paramref name="cap"/>, so a bad header cannot stall a caller; null stays null.</summary>
    public static TimeSpan? Capped(TimeSpan? wait, TimeSpan cap) => wait > cap ? cap : wait;
}
