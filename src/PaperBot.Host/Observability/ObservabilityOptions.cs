using System.ComponentModel.DataAnnotations;

namespace PaperBot.Host.Observability;

/// <summary>
/// Metrics and traces (<c>Observability:*</c>). Both exporters are off by default. The Prometheus scrape endpoint
/// has its own listener, on loopback unless configured otherwise, never on the public port.
/// </summary>
public sealed class ObservabilityOptions : IValidatableObject
{
    public const string SectionName = "Observability";

    /// <summary>service.name on every metric and span.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ServiceName { get; set; } = "paperbot";

    public PrometheusSettings Prometheus { get; set; } = new();

    public OtlpSettings Otlp { get; set; } = new();

    public bool Enabled => Prometheus.Enabled || Otlp.Enabled;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Prometheus.Enabled && (string.IsNullOrWhiteSpace(Prometheus.Host) || Prometheus.Host.Contains('/', StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"Observability:Prometheus:Host must be a host name or address such as 127.0.0.1 (got \"{Prometheus.Host}\").");
        }
        if (Prometheus.Enabled && Prometheus.Port is < 1 or > 65535)
        {
            yield return new ValidationResult($"Observability:Prometheus:Port must be a TCP port, 1-65535 (got {Prometheus.Port}).");
        }
        if (Otlp.Enabled && (!Uri.TryCreate(Otlp.Endpoint, UriKind.Absolute, out var otlp) || otlp.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Observability:Otlp:Endpoint must be an http(s) URL such as http://otel-collector:4317 (got \"{Otlp.Endpoint}\").");
        }
        if (Otlp.Protocol is not ("grpc" or "http/protobuf"))
        {
            yield return new ValidationResult($"Observability:Otlp:Protocol must be grpc or http/protobuf (got \"{Otlp.Protocol}\").");
        }
    }

    public sealed class PrometheusSettings
    {
        public bool Enabled { get; set; }

        /// <summary>Where the scrape listener binds: loopback by default; "+" binds every interface (only on a private network).</summary>
        public string Host { get; set; } = "127.0.0.1";

        public int Port { get; set; } = 9464;

        public string ScrapeUrl => $"http://{Host}:{Port}/metrics";
    }

    public sealed class OtlpSettings
    {
        /// <summary>The collector (traces and metrics); empty leaves OTLP export off.</summary>
        public string? Endpoint { get; set; }

        /// <summary>grpc (port 4317) or http/protobuf (port 4318).</summary>
        public string Protocol { get; set; } = "grpc";

        public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
    }
}
