using Microsoft.Extensions.Configuration;

namespace PaperBot.Host.Cli;

/// <summary>
/// Configuration sources in order of precedence: command-line overrides (--db), environment variables
/// (PaperBot__Database, Llm__ApiKey, …), then appsettings.json beside the executable.
/// </summary>
public static class HostConfiguration
{
    public static void Apply(IConfigurationBuilder builder, string? databaseOverride)
    {
        builder.SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        if (!string.IsNullOrEmpty(databaseOverride))
        {
            builder.AddInMemoryCollection([new KeyValuePair<string, string?>("PaperBot:Database", databaseOverride)]);
        }
    }
}
