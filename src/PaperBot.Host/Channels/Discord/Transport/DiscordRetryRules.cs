using System.Net;
using Microsoft.Extensions.Http.Resilience;
using PaperBot.Core.Http;
using Polly;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// What the Polly retry does, per request (<see cref="DiscordRequestOptions"/>): a 429 is retried after the wait it
/// names (<see cref="RetryAfter"/>) when that is within the request's <see cref="DiscordHttpPolicy.MaxRetryAfter"/>;
/// a connection never made always; a 5xx when <see cref="DiscordRepeat"/> allows it, and a timeout or other network
/// fault only when repeating cannot duplicate a message; 401, 403, 404 and other 4xx never.
/// </summary>
public static class DiscordRetryRules
{
    // Polly fixes the count and the backoff when the pipeline is built, but each request carries its own policy: the
    // count is checked in ShouldHandle and the delay computed here. This only bounds any policy's Retries.
    public const int MaxRetries = 10;

    public static HttpRetryStrategyOptions Create(TimeProvider time) => new()
    {
        MaxRetryAttempts = MaxRetries,
        ShouldRetryAfterHeader = false,
        ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context, args.AttemptNumber, time),
        DelayGenerator = args => DelayAsync(args.Outcome, args.Context, args.AttemptNumber, time),
    };

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt, TimeProvider time)
    {
        var request = context.GetRequestMessage();
        var policy = DiscordRequestOptions.PolicyOf(request);
        if (attempt >= policy.Retries || outcome.Exception is DiscordRequestRefusedException or OperationCanceledException { CancellationToken.IsCancellationRequested: true })
        {
            return false;
        }
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited)
        {
            // The request was not processed; a longer wait than the caller accepts fails now rather than hold it.
            return await RetryAfter.ReadAsync(limited, time.GetUtcNow(), context.CancellationToken) is not { } wait || wait <= policy.MaxRetryAfter;
        }
        if (outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            return true; // nothing was sent
        }
        var repeat = IsIdempotent(request) ? DiscordRepeat.Always : DiscordRequestOptions.RepeatOf(request);
        if (outcome.Result is { StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout })
        {
            return repeat >= DiscordRepeat.IfRefused;
        }
        return repeat == DiscordRepeat.Always && outcome.Exception is HttpRequestException or TimeoutException;
    }

    /// <summary>Edits, overwrites and deletes land on the same state however often they are repeated.</summary>
    private static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch || request.Method == HttpMethod.Delete);

    /// <summary>The wait a 429 names; otherwise exponential backoff from the policy's delay, with ±25% jitter so
    /// requests that failed together do not come back together.</summary>
    private static async ValueTask<TimeSpan?> DelayAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt, TimeProvider time)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited && await RetryAfter.ReadAsync(limited, time.GetUtcNow(), context.CancellationToken) is { } wait)
        {
            return wait;
        }
        var step = DiscordRequestOptions.PolicyOf(context.GetRequestMessage()).RetryDelay * Math.Pow(2, attempt);
        return step * (0.75 + (Random.Shared.NextDouble() / 2));
    }
}
