using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaperBot.Core;
using PaperBot.Core.Digest;
using PaperBot.Host;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Channels.Discord.Transport;
using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Connector;
using PaperBot.Host.Channels.Teams.Wire;
using PaperBot.Tests.Support;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Reliability;

/// <summary>
/// A 307 from an allowed host to another host is a failure for every client that carries a secret or obeys an
/// allow-list: the redirect target, another loopback server, must receive nothing.
/// </summary>
public sealed class RedirectRefusalTests : IAsyncLifetime
{
    private LoopbackServer redirector = null!;
    private LoopbackServer target = null!;
    private readonly ConcurrentQueue<string> redirected = new();
    private readonly ConcurrentQueue<string> reachedTarget = new();
    private string redirectorUrl = "";
    private ServiceProvider services = null!;
    private readonly TempDatabase db = new();

    public async Task InitializeAsync()
    {
        target = await LoopbackServer.StartAsync(context =>
        {
            reachedTarget.Enqueue(context.Request.Method + " " + context.Request.Path + context.Request.QueryString);
            context.Response.StatusCode = 200;
            return context.Response.WriteAsync("""{"id":"1","access_token":"t","token_type":"Bearer","expires_in":3600}""");
        });
        var targetUrl = target.BaseUrl;
        redirector = await LoopbackServer.StartAsync(context =>
        {
            redirected.Enqueue(context.Request.Method + " " + context.Request.Path);
            context.Response.StatusCode = 307; // keeps method and body: the dangerous one
            context.Response.Headers.Location = targetUrl + context.Request.Path + context.Request.QueryString;
            return Task.CompletedTask;
        });
        redirectorUrl = redirector.BaseUrl;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = db.Path,
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
            ["Discord:ApplicationId"] = "800000000000000001",
            ["Discord:PublicKey"] = new string('a', 64),
            ["Discord:BotToken"] = "redirect-test-bot-token",
            ["Discord:ApiBaseUrl"] = redirectorUrl + "/api/v10",
            ["Digest:AllowedWebhookHosts:0"] = "127.0.0.1",
            ["Digest:HttpRetries"] = "1",
            ["Teams:AllowedServiceUrls:0"] = redirectorUrl + "/",
            ["Teams:MaxRetryAttempts"] = "0",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging();
        collection.AddPaperBotCore(configuration);
        PaperBotFeatures.Add(collection, configuration);
        services = collection.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await redirector.DisposeAsync();
        await target.DisposeAsync();
        db.Dispose();
    }

    private void AssertRedirectRefused()
    {
        Assert.NotEmpty(redirected);
        Assert.Empty(reachedTarget);
    }

    [Fact]
    public async Task The_Discord_follow_up_is_a_failure_and_not_followed()
    {
        var rest = services.GetRequiredService<DiscordRestClient>();
        var error = await Assert.ThrowsAsync<DiscordApiException>(() =>
            rest.CreateFollowupAsync("interaction-token", DiscordReplyRenderer.Notice("hello", ephemeral: false), CancellationToken.None));
        Assert.Equal(307, (int)error.Status);
        await Assert.ThrowsAsync<DiscordApiException>(() =>
            rest.EditOriginalResponseAsync("interaction-token", DiscordReplyRenderer.Notice("hello", ephemeral: false), CancellationToken.None));
        AssertRedirectRefused();
    }

    [Fact]
    public async Task Discord_register_is_a_failure_and_not_followed()
    {
        var rest = services.GetRequiredService<DiscordRestClient>();
        await Assert.ThrowsAsync<DiscordApiException>(() => rest.OverwriteCommandsAsync(null, [], CancellationToken.None));
        AssertRedirectRefused();
    }

    [Fact]
    public async Task The_Teams_reply_is_a_failure_and_not_followed()
    {
        var connector = services.GetRequiredService<BotConnectorClient>();
        var result = await connector.SendAsync(redirectorUrl + "/", "a:conversation", "activity-1",
            new Activity { Type = ActivityTypes.Message, Text = "hello" }, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(307, result.HttpStatus);
        AssertRedirectRefused();
    }

    [Fact]
    public async Task The_digest_webhook_post_is_a_failure_and_not_followed()
    {
        var sender = services.GetServices<IDigestSender>().Single(s => s.Kind == DiscordWebhookTarget.KindName);
        var item = new DigestItem("abc123", "A paper", "It proposes a thing.", null, 1, "Nov 24, 2026", ["x"]);
        var content = new DigestContent("1 new paper", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, [item], "footer");
        var error = await Assert.ThrowsAnyAsync<DigestNotPostedException>(() =>
            sender.SendPartAsync(redirectorUrl + "/api/webhooks/123/webhook-secret", content, 0, "key-1", CancellationToken.None));
        Assert.Contains("redirect", error.Message, StringComparison.Ordinal);
        AssertRedirectRefused();
    }
}
