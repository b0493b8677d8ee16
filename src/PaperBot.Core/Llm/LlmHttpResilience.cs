using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using PaperBot.Core.Http;

namespace PaperBot.Core.Llm;

/// <summary>
/// The one resilience layer between Semantic Kernel and the model's endpoint: a total timeout (retries included),
/// retries on 429/5xx/network failures that honour Retry-After up to a cap, and a circuit breaker so a dead
/// endpoint costs nobody the full timeout.
/// </summary>
public static class LlmHttpResilience
{
    public const string HttpClientName = "llm";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, LlmOptions options, TimeProvider time)
    {
        var cap = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.RetryBaseDelaySeconds),
                MaxDelay = cap > TimeSpan.Zero ? cap : TimeSpan.FromMilliseconds(1),
                // Our own generator, so the cap applies to the server's Retry-After too.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.Capped(RetryAfter.FromHeader(args.Outcome.Result, time.GetUtcNow()), cap)),
            });
        }
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakSeconds),
        });
    }

    /// <summary>Finishes "The language model …" for the one-line note a user sees after a failed call.</summary>
    public static string Describe(Exception failure, bool deadlinePassed)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is BrokenCircuitException)
            {
                return "is unavailable after repeated failures";
            }
        }
        if (deadlinePassed)
        {
            return "did not answer in time";
        }
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is Polly.Timeout.TimeoutRejectedException or OperationCanceledException)
            {
                return "did not answer in time";
            }
            if (e is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests })
            {
                return "is rate-limited";
            }
        }
        return "failed";
    }
}
