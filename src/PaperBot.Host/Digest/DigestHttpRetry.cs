using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly;

namespace PaperBot.Host.Digest;

/// <summary>
/// What the digest's HTTP retry layer retries: only requests that certainly did not post anything. 429 (waiting
/// Discord's <c>retry_after</c>, or <c>Retry-After</c>), 500/502/503/504, and connections that were never made.
/// A timeout or a connection dropped mid-request is not retried here: the POST may have landed.
/// </summary>
public static class DigestHttpRetry
{
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            return true;
        }
        if (outcome.Result is not { } response)
        {
            return false;
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = await RetryAfterAsync(response);
            return wait is null || wait <= maxRetryAfter;
        }
        return response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
    }

    /// <summary>The server's requested wait, if it named one; null lets the backoff decide.</summary>
    public static async ValueTask<TimeSpan?> DelayAsync(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? await RetryAfterAsync(response) : null;

    /// <summary>Discord's body <c>retry_after</c> (fractional seconds) is the precise one; else the Retry-After header.</summary>
    public static async Task<TimeSpan?> RetryAfterAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Content is not null)
        {
            try
            {
                // Reading buffers the body, so the sender can still read it after the last attempt.
                var text = await response.Content.ReadAsStringAsync();
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("retry_after", out var value) &&
                    value.TryGetDouble(out var seconds) && seconds >= 0)
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
            catch (JsonException)
            {
                // Not Discord's JSON body: fall back to the header.
            }
        }
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
            {
                return delta;
            }
            if (header.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        if (response.Headers.TryGetValues("X-RateLimit-Reset-After", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            return TimeSpan.FromSeconds(resetAfter);
        }
        return null;
    }
}
