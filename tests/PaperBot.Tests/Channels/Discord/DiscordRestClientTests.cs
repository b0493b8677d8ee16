using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Transport;

namespace PaperBot.Tests.Discord;

/// <summary>
/// The REST client as registered by AddPaperBotDiscord (Polly retry + bucket limiter), against the fake Discord: it
/// obeys X-RateLimit-* and 429 retry_after, retries only what is safe, and stops sending what can only fail.
/// The client and the fake share one fake clock: rate-limit windows, Retry-After waits and the requests' arrival
/// times are all on it, so the timings asserted here are exact whatever the machine's load.
/// </summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private const string Channel = "400000000000000001";
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private readonly WatchedClock time = new(Start);
    private FakeDiscordServer discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscordServer.StartAsync(time);

    public async Task DisposeAsync() => await discord.DisposeAsync();

    private ServiceProvider Services(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
            ["Discord:PublicKey"] = new string('a', 64),
            ["Discord:BotToken"] = FakeDiscordServer.BotToken,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time).AddPaperBotDiscord(configuration).BuildServiceProvider();
    }

    /// <summary>Runs <paramref name="work"/> while the fake clock moves on, for calls that wait on a limit or a retry.</summary>
    private Task Advancing(Task work) => Eventually.WhileAdvancingAsync(work, time, Step);

    private static OutgoingMessage Text(string content) => new() { Content = content };

    [Fact]
    public async Task The_fake_enforces_its_limits_on_a_client_that_ignores_them()
    {
        discord.Limit("message-create", 2, TimeSpan.FromSeconds(5));
        using var http = new HttpClient { BaseAddress = new Uri(discord.ApiBaseUrl + "/") };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://example.org, 1)");
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bot " + FakeDiscordServer.BotToken);
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await http.PostAsync($"channels/{Channel}/messages", new StringContent("""{"content":"hi"}""", System.Text.Encoding.UTF8, "application/json"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("\"retry_after\":", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("0", last.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(last.Headers.Contains("Retry-After"));
        Assert.Equal(1, discord.RateLimitViolations);
    }

    [Fact]
    public async Task Sequential_messages_wait_for_the_bucket_and_never_hit_a_429()
    {
        discord.Limit("message-create", 2, TimeSpan.FromMilliseconds(500));
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        await Advancing(Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++)
            {
                await rest.CreateMessageAsync(Channel, Text("message " + i), CancellationToken.None);
            }
        }));
        Assert.Equal(0, discord.RateLimitViolations);
        var sent = discord.RequestsTo($"channels/{Channel}/messages");
        Assert.Equal(6, sent.Count(r => r.Status == 200));
        // Two per window: the fifth message cannot go before the third window opens, 1 s after the first.
        Assert.True(sent[4].At - sent[0].At >= TimeSpan.FromSeconds(1), $"the fifth message went {(sent[4].At - sent[0].At).TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task Concurrent_messages_all_arrive()
    {
        discord.Limit("message-create", 2, TimeSpan.FromMilliseconds(400));
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        await rest.CreateMessageAsync(Channel, Text("learn the bucket"), CancellationToken.None);
        await Advancing(Task.WhenAll(Enumerable.Range(0, 7).Select(i => rest.CreateMessageAsync(Channel, Text("burst " + i), CancellationToken.None))));
        Assert.Equal(8, discord.RequestsTo($"channels/{Channel}/messages").Count(r => r.Status == 200));
    }

    [Fact]
    public async Task Each_channel_has_its_own_bucket()
    {
        discord.Limit("message-create", 1, TimeSpan.FromSeconds(4));
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        await rest.CreateMessageAsync(Channel, Text("uses up this channel's window"), CancellationToken.None);
        // Same route and bucket, another channel: not held up by the first channel's empty window. The clock does
        // not move, so a wait for the window would never end (and the test would time out).
        await rest.CreateMessageAsync("400000000000000002", Text("elsewhere"), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(time.GetUtcNow(), discord.RequestsTo("channels/400000000000000002/messages").Single().At);
        Assert.Equal(0, discord.RateLimitViolations);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after()
    {
        await using var services = Services();
        discord.ScriptNext(429, """{"message":"You are being rate limited.","retry_after":0.6,"global":false}""",
            new Dictionary<string, string> { ["Retry-After"] = "1", ["X-RateLimit-Scope"] = "user", ["X-RateLimit-Bucket"] = "abc", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Limit"] = "5", ["X-RateLimit-Reset-After"] = "0.6" });
        await Advancing(services.GetRequiredService<DiscordRestClient>().CreateMessageAsync(Channel, Text("eventually"), CancellationToken.None));
        var attempts = discord.RequestsTo($"channels/{Channel}/messages");
        Assert.Equal([429, 200], attempts.Select(r => r.Status));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(550), $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
        // The retry is the same message: same nonce, so Discord could drop a duplicate.
        Assert.Equal(attempts[0].Json.GetProperty("nonce").GetString(), attempts[1].Json.GetProperty("nonce").GetString());
        Assert.True(attempts[1].Json.GetProperty("enforce_nonce").GetBoolean());
    }

    [Fact]
    public async Task A_global_429_holds_back_requests_to_other_routes_too()
    {
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        discord.ScriptNext(429, """{"message":"You are being rate limited.","retry_after":1.0,"global":true}""",
            new Dictionary<string, string> { ["Retry-After"] = "1", ["X-RateLimit-Global"] = "true", ["X-RateLimit-Scope"] = "global" });
        var first = rest.CreateMessageAsync(Channel, Text("first"), CancellationToken.None);
        // The retry of the first message waiting on the clock means the client has read the 429 and knows it is global.
        await Eventually.TrueAsync(() => time.TimersCreated >= 1, "the client to wait after the global 429");
        var typing = rest.TriggerTypingAsync("400000000000000009", CancellationToken.None);
        await Advancing(Task.WhenAll(first, typing));
        var limitedAt = discord.Requests.Single(r => r.Status == 429).At;
        var typed = discord.RequestsTo("channels/400000000000000009/typing").Single();
        Assert.True(typed.At - limitedAt >= TimeSpan.FromSeconds(1), $"typing went {(typed.At - limitedAt).TotalMilliseconds} ms after the global 429");
    }

    [Fact]
    public async Task Not_found_and_forbidden_are_not_retried_and_a_dead_webhook_is_not_called_again()
    {
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        discord.ScriptNext(404, """{"message":"Unknown Webhook","code":10015}""");
        var notFound = await Assert.ThrowsAsync<DiscordApiException>(() => rest.EditOriginalResponseAsync("gone", Text("x"), CancellationToken.None));
        Assert.Equal(10015, notFound.Code);
        Assert.DoesNotContain("gone", notFound.Message, StringComparison.Ordinal); // the token is not logged
        await Assert.ThrowsAsync<DiscordRequestRefusedException>(() => rest.EditOriginalResponseAsync("gone", Text("x"), CancellationToken.None));
        Assert.Single(discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/gone"));

        discord.ScriptNext(403, """{"message":"Missing Permissions","code":50013}""");
        var forbidden = await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateMessageAsync(Channel, Text("x"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Single(discord.RequestsTo($"channels/{Channel}/messages"));
    }

    [Fact]
    public async Task Server_errors_are_retried_for_edits_but_not_for_follow_ups_that_could_duplicate()
    {
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        discord.ScriptNext(502, """{"message":"Bad Gateway"}""");
        await Advancing(rest.EditOriginalResponseAsync("tok-a", Text("answer"), CancellationToken.None));
        Assert.Equal([502, 200], discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/tok-a").Select(r => r.Status));

        discord.ScriptNext(502, """{"message":"Bad Gateway"}""");
        await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateFollowupAsync("tok-b", Text("more"), CancellationToken.None));
        Assert.Single(discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/tok-b"));
    }

    [Fact]
    public async Task A_channel_webhook_goes_through_the_same_transport_with_its_callers_retries_and_cap()
    {
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        const string Route = "webhooks/900000000000000001/hook-token";
        // A pasted webhook URL is absolute and need not be under the bot's API base; here it is the fake's.
        var webhook = $"{discord.ApiBaseUrl}/{Route}";
        var policy = new DiscordHttpPolicy(Retries: 2, RetryDelay: TimeSpan.FromMilliseconds(100), MaxRetryAfter: TimeSpan.FromSeconds(5), AttemptTimeout: TimeSpan.FromSeconds(30));

        // Discord answers a 5xx before it saves a webhook message, so it is retried, though a webhook takes no nonce.
        discord.ScriptNext(502, """{"message":"Bad Gateway"}""");
        var posted = rest.ExecuteWebhookAsync(webhook, Text("digest part"), policy, CancellationToken.None);
        await Advancing(posted);
        Assert.False(string.IsNullOrEmpty(await posted));
        Assert.Equal([502, 200], discord.RequestsTo(Route).Select(r => r.Status));
        Assert.All(discord.RequestsTo(Route), r => Assert.Null(r.Authorization));

        // The caller's retry count holds: two retries, then Discord's error, without the webhook's token in it.
        discord.ScriptNext(500, """{"message":"Internal Server Error"}""");
        discord.ScriptNext(500, """{"message":"Internal Server Error"}""");
        discord.ScriptNext(500, """{"message":"Internal Server Error"}""");
        var failing = rest.ExecuteWebhookAsync(webhook, Text("digest part"), policy, CancellationToken.None);
        await Advancing(Task.WhenAny(failing));
        var error = await Assert.ThrowsAsync<DiscordApiException>(() => failing);
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.DoesNotContain("hook-token", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, discord.RequestsTo(Route).Count);

        // A 429 asking for longer than the caller accepts fails at once instead of holding it.
        discord.ScriptNext(429, """{"message":"You are being rate limited.","retry_after":60,"global":false}""",
            new Dictionary<string, string> { ["Retry-After"] = "60", ["X-RateLimit-Scope"] = "user" });
        var limited = await Assert.ThrowsAsync<DiscordApiException>(() => rest.ExecuteWebhookAsync(webhook, Text("digest part"), policy, CancellationToken.None));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(6, discord.RequestsTo(Route).Count);
    }

    [Fact]
    public async Task A_webhook_POST_that_timed_out_is_not_repeated()
    {
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        var quick = new DiscordHttpPolicy(Retries: 3, RetryDelay: TimeSpan.FromMilliseconds(10), MaxRetryAfter: TimeSpan.FromSeconds(5), AttemptTimeout: TimeSpan.FromMilliseconds(300));
        using var hold = discord.Hold("webhooks/");
        var webhook = $"{discord.ApiBaseUrl}/webhooks/900000000000000002/slow-token";

        // The fake holds the request and never answers: the attempt times out (on real time, like HttpClient.Timeout).
        // A webhook POST that timed out may have landed, so it is reported, never repeated.
        var timedOut = await Assert.ThrowsAsync<TimeoutException>(() => rest.ExecuteWebhookAsync(webhook, Text("digest part"), quick, CancellationToken.None));
        Assert.Contains("did not answer", timedOut.Message, StringComparison.Ordinal);
        Assert.Equal(1, discord.HeldRequests);
    }

    [Fact]
    public async Task After_a_401_the_bot_token_is_not_used_again()
    {
        await using var services = Services(new() { ["Discord:BotToken"] = "wrong-token" });
        var rest = services.GetRequiredService<DiscordRestClient>();
        await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateMessageAsync(Channel, Text("x"), CancellationToken.None));
        await Assert.ThrowsAsync<DiscordRequestRefusedException>(() => rest.TriggerTypingAsync(Channel, CancellationToken.None));
        Assert.Single(discord.Requests);
        Assert.Equal(401, discord.Requests.Single().Status);
    }

    [Fact]
    public async Task Too_many_invalid_responses_stop_further_requests_before_discord_bans_the_ip()
    {
        await using var services = Services(new() { ["Discord:InvalidRequestBudget"] = "2" });
        var rest = services.GetRequiredService<DiscordRestClient>();
        for (var i = 0; i < 2; i++)
        {
            discord.ScriptNext(403, """{"message":"Missing Access","code":50001}""");
            await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateMessageAsync(Channel, Text("x"), CancellationToken.None));
        }
        var refused = await Assert.ThrowsAsync<DiscordRequestRefusedException>(() => rest.CreateMessageAsync(Channel, Text("x"), CancellationToken.None));
        Assert.Contains("ban", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, discord.Requests.Count);
    }

    [Fact]
    public async Task Bot_requests_carry_the_token_and_a_discordbot_user_agent_and_webhooks_do_not_carry_the_token()
    {
        await using var services = Services();
        var rest = services.GetRequiredService<DiscordRestClient>();
        await rest.CreateMessageAsync(Channel, Text("hello @everyone"), CancellationToken.None);
        await rest.CreateFollowupAsync("tok-c", Text("follow"), CancellationToken.None);
        var message = discord.RequestsTo($"channels/{Channel}/messages").Single();
        Assert.Equal("Bot " + FakeDiscordServer.BotToken, message.Authorization);
        Assert.StartsWith("DiscordBot (", message.UserAgent, StringComparison.Ordinal);
        Assert.Equal(0, message.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.InRange(message.Json.GetProperty("nonce").GetString()!.Length, 1, 25);
        Assert.Null(discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/tok-c").Single().Authorization);
    }
}
