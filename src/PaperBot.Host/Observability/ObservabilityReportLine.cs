using Microsoft.Extensions.Options;
using PaperBot.Host.Server;

namespace PaperBot.Host.Observability;

/// <summary>The start-up report's line for metrics and traces.</summary>
public sealed class ObservabilityReportLine(IOptions<ObservabilityOptions> options) : IStartupReportLine
{
    public (LogLevel Level, string Line) Describe()
    {
        var o = options.Value;
        var prometheus = o.Prometheus.Enabled
            ? $"Prometheus scrape at {o.Prometheus.ScrapeUrl} (its own listener, not the public port)"
            : "Prometheus off (Observability:Prometheus:Enabled is false)";
        var otlp = o.Otlp.Enabled
            ? $"OTLP traces and metrics to {o.Otlp.Endpoint} ({o.Otlp.Protocol})"
            : "OTLP off (Observability:Otlp:Endpoint is empty)";
        return (LogLevel.Information, $"Observability: {prometheus}; {otlp}");
    }
}
