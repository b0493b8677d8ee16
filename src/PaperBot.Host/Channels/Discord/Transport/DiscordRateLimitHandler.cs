using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// One attempt of a Discord request, inside the retry policy: it waits its turn in the bucket, is sent and read
/// within the request's <see cref="DiscordHttpPolicy.AttemptTimeout"/>, and reports what it learnt to the limiter.
/// </summary>
public sealed class DiscordRateLimitHandler(DiscordRateLimiter limiter, IOptions<DiscordOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = DiscordRoute.From(request.Method, request.RequestUri!, options.Value.ApiBaseUrl);
        var usesBotToken = request.Headers.Authorization is not null;
        await limiter.WaitTurnAsync(route, usesBotToken, cancellationToken);
        // The timeout starts once the bucket lets the request go, so a wait for the bucket is never taken for a
        // request that may have landed. It measures the network, so it runs on real time, like HttpClient.Timeout:
        // a test's fake clock jumps in steps that have nothing to do with how long a request takes.
        var timeout = DiscordRequestOptions.PolicyOf(request).AttemptTimeout;
        using var attempt = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token);
            await response.Content.LoadIntoBufferAsync(linked.Token);
        }
        catch (Exception e)
        {
            response?.Dispose();
            if (e is OperationCanceledException && attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Discord did not answer within {timeout.TotalSeconds:0.#} s.", e);
            }
            throw;
        }
        await limiter.ObserveAsync(route, usesBotToken, response, cancellationToken);
        return response;
    }
}
