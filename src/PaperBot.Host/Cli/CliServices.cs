using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core;

namespace PaperBot.Host.Cli;

/// <summary>The service provider behind the one-shot CLI verbs; options are validated before any verb runs.</summary>
public static class CliServices
{
    public static ServiceProvider Build(string? databaseOverride, bool verbose) => Build(databaseOverride, verbose, validate: true);

    /// <summary>With settings that override every other source (<c>eval --set</c>, <c>eval --ablations</c>).</summary>
    public static ServiceProvider Build(string? databaseOverride, bool verbose, IEnumerable<KeyValuePair<string, string?>> overrides) =>
        Build(databaseOverride, verbose, validate: true, overrides);

    /// <summary><paramref name="validate"/> false leaves option checks to the caller (<c>paperbot doctor</c> reports every failure itself).</summary>
    public static ServiceProvider Build(string? databaseOverride, bool verbose, bool validate, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        HostConfiguration.Apply(builder, databaseOverride);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }
        var configuration = builder.Build();
        ConfigurationWarnings.Report(configuration, Console.Error);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            // Logs go to stderr so --json output on stdout stays machine-readable.
            // No colours: the terminal writer shows escape sequences as text (TerminalSafeWriter).
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.ColorBehavior = Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled;
            });
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
        });
        services.AddPaperBotCore(configuration);
        PaperBotFeatures.Add(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        if (validate)
        {
            ValidateOptions(provider);
        }
        return provider;
    }

    /// <summary>ValidateOnStart only fires for hosted apps; one-shot verbs trigger the same checks here.</summary>
    private static void ValidateOptions(IServiceProvider provider)
    {
        var validator = provider.GetService<IStartupValidator>();
        validator?.Validate();
    }
}
