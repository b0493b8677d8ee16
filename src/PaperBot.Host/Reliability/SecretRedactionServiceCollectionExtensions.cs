using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Reliability;

/// <summary>
/// One redaction point for every log line: the logger factory hands each provider's loggers a redacting wrapper, so
/// whichever component logs (ours, HttpClient's request logging, ASP.NET Core, Semantic Kernel), secrets are masked.
/// </summary>
public static class SecretRedactionServiceCollectionExtensions
{
    public static IServiceCollection AddPaperBotSecretRedaction(this IServiceCollection services, IConfiguration configuration)
    {
        var redactor = SecretRedactor.FromConfiguration(configuration);
        services.AddSingleton(redactor);
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new LoggerFactory(
            provider.GetServices<ILoggerProvider>().Select(p => new RedactingLoggerProvider(p, redactor)),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>())));
        return services;
    }
}
