using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PaperBot.Core.Diagnostics;
using PaperBot.Host.Channels.Discord.Transport;
using PaperBot.Host.Channels.Teams.Connector;
using PaperBot.Host.Server;

namespace PaperBot.Host.Observability;

/// <summary>
/// Metrics and traces for <c>paperbot serve</c> through OpenTelemetry. Core records through System.Diagnostics
/// (<see cref="PaperBotTelemetry"/>); this subscribes to it, adds ASP.NET Core and HttpClient instrumentation, and
/// exports only where configured: a Prometheus scrape listener and/or an OTLP collector. With neither, no provider is
/// built and instruments cost next to nothing.
/// </summary>
public static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddPaperBotObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().Bind(configuration.GetSection(ObservabilityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IStartupReportLine, ObservabilityReportLine>();
        services.AddSingleton<QueueDepthGauge>();

        // Responses by status from each chat platform client, counted innermost (every attempt).
        foreach (var (client, channel) in new[]
                 {
                     (DiscordRestClient.HttpClientName, "discord"),
                     (BotConnectorClient.HttpClientName, "teams"),
                 })
        {
            services.Configure<HttpClientFactoryOptions>(client, o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new ChannelResponseMetricsHandler(channel))));
        }

        var settings = configuration.GetSection(ObservabilityOptions.SectionName).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        if (!settings.Enabled)
        {
            return services;
        }
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PaperBotTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (settings.Prometheus.Enabled)
                {
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Host = settings.Prometheus.Host;
                        o.Port = settings.Prometheus.Port;
                    });
                }
                if (settings.Otlp.Enabled)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, settings.Otlp));
                }
            });
        if (settings.Otlp.Enabled)
        {
            // A trace per request: channel endpoint or worker -> paperbot.answer -> paperbot.retrieve / paperbot.llm -> the reply's HTTP call.
            otel.WithTracing(tracing => tracing
                .AddSource(PaperBotTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = c => c.Request.Path != HealthEndpoints.LivenessPath && c.Request.Path != HealthEndpoints.ReadinessPath)
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Otlp(o, settings.Otlp)));
        }
        // The queue gauge registers its instrument when first resolved; do that at start.
        services.AddHostedService<QueueDepthGaugeStarter>();
        return services;
    }

    /// <summary>
    /// <c>Logging:Console:FormatterName=json</c>: one JSON object per log line. The slim host pins the simple
    /// formatter after reading configuration, so the setting is applied here, after it.
    /// </summary>
    public static ILoggingBuilder AddPaperBotLogFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        if (string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole();
        }
        return logging;
    }

    private static void Otlp(OtlpExporterOptions o, ObservabilityOptions.OtlpSettings settings)
    {
        o.Endpoint = new Uri(settings.Endpoint!);
        o.Protocol = settings.Protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}
