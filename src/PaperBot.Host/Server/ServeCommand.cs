using System.CommandLine;
using Microsoft.Extensions.Options;
using PaperBot.Core;
using PaperBot.Host.Cli;
using PaperBot.Host.Web;
using PaperBot.Host.Observability;

namespace PaperBot.Host.Server;

/// <summary><c>paperbot serve</c>: the ASP.NET Core server hosting channel endpoints and background workers.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080" };
        var command = new Command("serve", "Run the chat server (Discord interactions, Teams messages, digest scheduler)") { urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var app = BuildApp([], parse.GetValue(PaperBotCommandLine.DbOption), parse.GetValue(urls));
                // Validate before the host starts: the host logs a failed start with a stack trace of its own.
                app.Services.GetService<IStartupValidator>()?.Validate();
                if (ListenAddresses.Check(app.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://localhost:5000") is { } badAddress)
                {
                    Console.Error.WriteLine(badAddress);
                    return 2;
                }
                await app.RunAsync(cancellationToken);
                return 0;
            }
            catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out var message))
            {
                // A bad setting stops start-up with the setting named, not a stack trace.
                Console.Error.WriteLine(message);
                return 2;
            }
        });
        return command;
    }

    /// <summary>Builds the server; tests call this with a loopback URL and a temporary database.</summary>
    public static WebApplication BuildApp(
        string[] args, string? databaseOverride, string? urls, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // No colours: the terminal writer shows escape sequences as text (TerminalSafeWriter).
        builder.Logging.AddSimpleConsole(o => o.ColorBehavior = Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled);
        HostConfiguration.Apply(builder.Configuration, databaseOverride);
        configure?.Invoke(builder.Configuration);
        ConfigurationWarnings.Report(builder.Configuration, Console.Error);
        if (!string.IsNullOrEmpty(urls))
        {
            builder.WebHost.UseUrls(urls);
        }
        builder.Services.AddPaperBotCore(builder.Configuration);
        PaperBotFeatures.Add(builder.Services, builder.Configuration);
        builder.Services.AddPaperBotWeb(builder.Configuration);
        builder.Services.AddHostedService<DatabaseStartupService>();
        builder.Services.AddSingleton<RetrievalWarmUpService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetrievalWarmUpService>());
        // After the first ingest: embeds in the background, so the server answers (with the other rankings) at once.
        builder.Services.AddHostedService<Embeddings.EmbeddingBackgroundService>();
        builder.Services.AddSingleton<PaperBot.Host.Storage.SharedListingSyncService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PaperBot.Host.Storage.SharedListingSyncService>());
        builder.Services.AddSingleton<IStartupReportLine, PaperBot.Host.Storage.SharedStorageReportLine>();
        builder.Services.AddSingleton<ReadinessCheck>();
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.AddPaperBotObservability(builder.Configuration);
        builder.Logging.AddPaperBotLogFormat(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapHealthEndpoints();
        PaperBotEndpoints.Map(app);
        return app;
    }
}
