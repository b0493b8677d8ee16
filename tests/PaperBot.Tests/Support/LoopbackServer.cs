using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PaperBot.Tests.Support;

/// <summary>
/// Kestrel on 127.0.0.1 with a port the OS picks (port 0, so parallel tests never collide), no logging, started
/// before it is returned. Every fake of an outside service (Discord, Teams, the model, arXiv…) sits on one of these.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app)
    {
        this.app = app;
        // Kestrel rewrites the 0 in the configured URL to the port it bound.
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    /// <summary>http://127.0.0.1:PORT, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts a server whose routes and middleware <paramref name="configure"/> sets up.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return new LoopbackServer(app);
    }

    /// <summary>Starts a server that hands every request to <paramref name="handler"/>.</summary>
    public static Task<LoopbackServer> StartAsync(RequestDelegate handler) => StartAsync(app => app.Run(handler));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
