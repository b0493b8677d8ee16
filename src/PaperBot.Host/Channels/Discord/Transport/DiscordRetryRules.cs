using System.Net;
using Microsoft.Extensions.Http.Resilience;
using PaperBot.Core.Http;
using Polly;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// What the Polly retry does: a 429 is always retried after its <c>retry_after</c> (the request was not processed);
/// 5xx and network faults only when repeating cannot duplicate a message; 401, 403, 404 and other 4xx never.
/// </summary>
public static class DiscordRetryRules
{
    public static HttpRetryStrategyOptions Create(TimeProvider time) => new()
    {
        MaxRetryAttempts = 3,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(500),
        ShouldRetryAfterHeader = false,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
        DelayGenerator = args => DelayAsync(args.Outcome, time, args.Context.CancellationToken),
    };

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Exception is DiscordRequestRefusedException or OperationCanceledException { CancellationToken.IsCancellationRequested: true })
        {
            return false;
        }
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests })
        {
            return true;
        }
        var transient = outcome.Exception is HttpRequestException or TimeoutException
            || outcome.Result is { StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout };
        return transient && IsSafeToRepeat(context.GetRequestMessage());
    }

    private static bool IsSafeToRepeat(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }
        if (request.Options.TryGetValue(DiscordRequestOptions.SafeToRetry, out var safe) && safe)
        {
            return true;
        }
        // Edits, overwrites and deletes land on the same state however often they are repeated.
        return request.Method == HttpMethod.Get || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch || request.Method == HttpMethod.Delete;
    }

    /// <summary>A 429 waits what Discord asks (a second when it names nothing), at most five minutes.</summary>
    private static async ValueTask<TimeSpan?> DelayAsync(Outcome<HttpResponseMessage> outcome, TimeProvider time, CancellationToken cancellationToken)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response)
        {
            return RetryAfter.Capped(await RetryAfter.ReadAsync(response, time.GetUtcNow(), cancellationToken) ?? TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        }
        return null; // exponential backoff with jitter
    }
}
