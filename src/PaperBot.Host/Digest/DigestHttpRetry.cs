using System.Net;
using PaperBot.Core.Http;
using Polly;

namespace PaperBot.Host.Digest;

/// <summary>
/// What the digest's HTTP retry layer retries: only requests that certainly did not post anything. 429 (waiting
/// Discord's <c>retry_after</c>, or <c>Retry-After</c>), 500/502/503/504, and connections that were never made.
/// A timeout or a connection dropped mid-request is not retried here: the POST may have landed. The wait is read by
/// <see cref="RetryAfter"/>, like every client's.
/// </summary>
public static class DigestHttpRetry
{
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider time)
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
            var wait = await RetryAfter.ReadAsync(response, time.GetUtcNow());
            return wait is null || wait <= maxRetryAfter;
        }
        return response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
    }

    /// <summary>The server's requested wait, if it named one; null lets the backoff decide.</summary>
    public static async ValueTask<TimeSpan?> DelayAsync(Outcome<HttpResponseMessage> outcome, TimeProvider time) =>
        outcome.Result is { } response ? await RetryAfter.ReadAsync(response, time.GetUtcNow()) : null;
}
