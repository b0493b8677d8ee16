using System.CommandLine;
using PaperBot.Core;
using PaperBot.Host.Cli;

namespace PaperBot.Host.Server;

/// <summary><c>paperbot serve</c>: the ASP.NET Core server hosting channel endpoints and background workers.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080" };
        var command = new Command("serve", "Run the chat server (Discord interactions, Teams messages, digest scheduler)") { urls };
        command.SetAction((parse, cancellationToken) =>
        {
            var app = BuildApp([], parse.GetValue(PaperBotCommandLine.DbOption), parse.GetValue(urls));
            return RunAsync(app, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.RunAsync(cancellationToken);
        return 0;
    }

    /// <summary>Builds the server; tests call this with a loopback URL and a temporary database.</summary>
    public static WebApplication BuildApp(string[] args, string? databaseOverride, string? urls, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        HostConfiguration.Apply(builder.Configuration, databaseOverride);
        configure?.Invoke(builder.Configuration);
        if (!string.IsNullOrEmpty(urls))
        {
            builder.WebHost.UseUrls(urls);
        }
        builder.Services.AddPaperBotCore(builder.Configuration);
        PaperBotFeatures.Add(builder.Services, builder.Configuration);
        builder.Services.AddHostedService<DatabaseStartupService>();

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        PaperBotEndpoints.Map(app);
        return app;
    }
}
