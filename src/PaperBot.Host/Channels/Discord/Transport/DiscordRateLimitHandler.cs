using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>Runs inside the retry policy, so every attempt waits its turn in the bucket and reports what it learnt.</summary>
public sealed class DiscordRateLimitHandler(DiscordRateLimiter limiter, IOptions<DiscordOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = DiscordRoute.From(request.Method, request.RequestUri!, options.Value.ApiBaseUrl);
        var usesBotToken = request.Headers.Authorization is not null;
        await limiter.WaitTurnAsync(route, usesBotToken, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await limiter.ObserveAsync(route, usesBotToken, response, cancellationToken);
        return response;
    }
}
