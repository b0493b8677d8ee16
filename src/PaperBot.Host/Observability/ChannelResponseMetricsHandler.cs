using PaperBot.Core.Diagnostics;

namespace PaperBot.Host.Observability;

/// <summary>
/// Counts every response a chat platform's API gives (each attempt, retries included), by channel and status, and
/// its 429s separately. Added innermost to the platform clients' pipelines, so it sees what the resilience layer sees.
/// </summary>
public sealed class ChannelResponseMetricsHandler(string channel) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        PaperBotTelemetry.ChannelResponses.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("status", status));
        if (status == 429)
        {
            PaperBotTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("channel", channel));
        }
        return response;
    }
}
