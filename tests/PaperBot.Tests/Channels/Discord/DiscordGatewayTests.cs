using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Host.Channels.Discord.Transport;

namespace PaperBot.Tests.Discord;

/// <summary>The gateway client inside the real server, against the fake gateway: identify, answer mentions and DMs,
/// heartbeat, resume after drops and zombies, and stop for good on close code 4004.</summary>
public sealed class DiscordGatewayTests : IAsyncLifetime
{
    private const string Channel = "410000000000000001";
    private const string Guild = "600000000000000001";
    private FakeDiscordServer discord = null!;
    private PaperBotTestServer? server;

    public async Task InitializeAsync() => discord = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        await discord.DisposeAsync();
    }

    /// <summary>
    /// Starts the server with the gateway on; with <paramref name="time"/>, the gateway client's heartbeats and
    /// reconnect delays run on that fake clock (the rest of the server keeps the real one).
    /// </summary>
    private async Task StartBotAsync(bool useGatewayBotEndpoint = false, FakeTimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Gateway:Enabled"] = "true",
            ["Discord:Gateway:ReconnectDelay"] = "00:00:00.050",
            ["Discord:Gateway:InvalidSessionDelay"] = "00:00:00.050",
        };
        if (!useGatewayBotEndpoint)
        {
            settings["Discord:Gateway:Url"] = discord.GatewayUrl;
        }
        server = await PaperBotTestServer.StartAsync(discord, settings, services: time is null ? null : services =>
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordGatewayClient>(sp, (TimeProvider)time)));
    }

    /// <summary>Moves the gateway's fake clock on, a few seconds a round, until <paramref name="condition"/> holds.</summary>
    private static Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, string what) =>
        Eventually.TrueAsync(condition, () => what, eachRound: () => time.Advance(TimeSpan.FromSeconds(5)));

    private IReadOnlyList<JsonElement> Sent(int op) => discord.GatewayReceived.Where(p => p.GetProperty("op").GetInt32() == op).ToList();

    private Task ReadyAsync() => Eventually.TrueAsync(() => Sent(2).Count == 1 && discord.GatewayConnections == 1, "Identify");

    /// <summary>
    /// An ordering barrier: asks for a heartbeat (op 1) and waits for one carrying <paramref name="sequence"/>. The
    /// client reads frames in order, so by then it has handled every dispatch up to that sequence number.
    /// </summary>
    private async Task CaughtUpAsync(int sequence)
    {
        await discord.SendOpAsync(1, null);
        await Eventually.TrueAsync(() => Sent(1).Any(h => h.GetProperty("d").ValueKind == JsonValueKind.Number && h.GetProperty("d").GetInt32() == sequence),
            $"a heartbeat carrying sequence {sequence}");
    }

    [Fact]
    public async Task Identifies_with_only_the_intents_it_needs_using_the_url_from_gateway_bot()
    {
        await StartBotAsync(useGatewayBotEndpoint: true);
        await ReadyAsync();
        var identify = Sent(2).Single().GetProperty("d");
        Assert.Equal(FakeDiscordServer.BotToken, identify.GetProperty("token").GetString());
        Assert.Equal((1 << 9) | (1 << 12), identify.GetProperty("intents").GetInt32()); // guild messages + DMs, no privileged MESSAGE_CONTENT
        Assert.True(identify.GetProperty("properties").TryGetProperty("os", out _));
        Assert.Equal("Bot " + FakeDiscordServer.BotToken, discord.RequestsTo("gateway/bot").Single().Authorization);
    }

    [Fact]
    public async Task Answers_a_mention_as_a_reply_with_typing_and_ignores_bots_and_unaddressed_messages()
    {
        await StartBotAsync();
        await ReadyAsync();
        await discord.DispatchAsync("MESSAGE_CREATE", FakeDiscordServer.MessageCreate("1001", Channel, Guild, "777", "<@777> hello", authorIsBot: true, mentionsBot: true));
        await discord.DispatchAsync("MESSAGE_CREATE", FakeDiscordServer.MessageCreate("1002", Channel, Guild, "778", "just chatting about papers"));
        await discord.DispatchAsync("MESSAGE_CREATE", FakeDiscordServer.MessageCreate("1003", Channel, Guild, FakeDiscordServer.BotUserId, $"<@{FakeDiscordServer.BotUserId}> echo", mentionsBot: true));
        await discord.DispatchAsync("MESSAGE_CREATE", FakeDiscordServer.MessageCreate("1004", Channel, Guild, "779", $"<@{FakeDiscordServer.BotUserId}> search language model @everyone", mentionsBot: true));

        await Eventually.TrueAsync(() => discord.RequestsTo($"channels/{Channel}/messages").Count >= 1, "the reply");
        // The reply to the last message means the three before it were read and weighed first: only one was taken.
        var gateway = server!.App.Services.GetRequiredService<DiscordGatewayClient>();
        Assert.Equal(1, gateway.MessagesAccepted);
        var reply = discord.RequestsTo($"channels/{Channel}/messages").Single();
        Assert.Equal("1004", reply.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.False(reply.Json.GetProperty("message_reference").GetProperty("fail_if_not_exists").GetBoolean());
        Assert.Equal(0, reply.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(reply.Json.GetProperty("allowed_mentions").GetProperty("replied_user").GetBoolean());
        Assert.Contains("Papers matching", DiscordMessageText.Of(reply.Json), StringComparison.Ordinal);
        Assert.NotEmpty(discord.RequestsTo($"channels/{Channel}/typing"));
        Assert.True(discord.RequestsTo($"channels/{Channel}/typing")[0].At <= reply.At);
    }

    [Fact]
    public async Task Answers_a_direct_message_without_a_mention()
    {
        await StartBotAsync();
        await ReadyAsync();
        await discord.DispatchAsync("MESSAGE_CREATE", FakeDiscordServer.MessageCreate("2001", "420000000000000001", null, "780", "help"));
        await Eventually.TrueAsync(() => discord.RequestsTo("channels/420000000000000001/messages").Count == 1, "the DM reply");
        Assert.Contains("ask QUESTION", DiscordMessageText.Of(discord.RequestsTo("channels/420000000000000001/messages")[0].Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_carry_the_last_sequence_number()
    {
        // Discord's interval (45 s), on the fake clock.
        var time = new FakeTimeProvider();
        await StartBotAsync(time: time);
        await ReadyAsync();
        await discord.DispatchAsync("TYPING_START", new { channel_id = Channel });
        await AdvanceUntilAsync(time, () => Sent(1).Any(h => h.GetProperty("d").ValueKind == JsonValueKind.Number && h.GetProperty("d").GetInt32() == 2), "a heartbeat with seq 2");
    }

    [Fact]
    public async Task After_a_dropped_connection_it_resumes_and_gets_the_missed_mention()
    {
        await StartBotAsync();
        await ReadyAsync();
        await discord.DispatchAsync("TYPING_START", new { channel_id = Channel }); // seq 2
        await CaughtUpAsync(2);
        discord.DropConnection();
        // Sent while the bot is away: the fake keeps it for replay on resume.
        await discord.DispatchAsync("MESSAGE_CREATE", FakeDiscordServer.MessageCreate("3001", Channel, Guild, "781", $"<@{FakeDiscordServer.BotUserId}> search attention", mentionsBot: true));

        await Eventually.TrueAsync(() => Sent(6).Count == 1, "Resume");
        var resume = Sent(6).Single().GetProperty("d");
        Assert.Equal("session-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(2, resume.GetProperty("seq").GetInt32());
        Assert.Equal(["/gateway", "/resume"], discord.GatewayPaths);
        await Eventually.TrueAsync(() => discord.RequestsTo($"channels/{Channel}/messages").Count == 1, "the reply to the replayed mention");
        Assert.Single(Sent(2)); // never re-identified
    }

    [Fact]
    public async Task A_zombie_connection_without_heartbeat_acks_is_dropped_and_resumed()
    {
        // Discord's interval (45 s), on the fake clock.
        var time = new FakeTimeProvider();
        await StartBotAsync(time: time);
        // A heartbeat carrying READY's sequence number shows the session is established; then the ACKs stop.
        await AdvanceUntilAsync(time, () => Sent(1).Any(h => h.GetProperty("d").ValueKind == JsonValueKind.Number), "a heartbeat after READY");
        var identifies = Sent(2).Count;
        discord.AckHeartbeats = false;
        await AdvanceUntilAsync(time, () => Sent(6).Count >= 1, "Resume after missed ACKs");
        Assert.Contains("/resume", discord.GatewayPaths);
        Assert.Equal(identifies, Sent(2).Count); // resumed, not re-identified
    }

    [Fact]
    public async Task Reconnect_request_and_resumable_close_codes_lead_to_resume()
    {
        await StartBotAsync();
        await ReadyAsync();
        await discord.SendOpAsync(7, null);
        await Eventually.TrueAsync(() => Sent(6).Count == 1, "Resume after op 7");
        await CaughtUpAsync(2); // RESUMED is sequence 2: the resumed session is up before it is closed
        await discord.CloseConnectionAsync(4000, "Unknown error");
        await Eventually.TrueAsync(() => Sent(6).Count == 2, "Resume after close 4000");
        Assert.Single(Sent(2));
    }

    [Fact]
    public async Task Invalid_session_that_cannot_resume_leads_to_a_fresh_identify()
    {
        await StartBotAsync();
        await ReadyAsync();
        await discord.SendOpAsync(9, false);
        await Eventually.TrueAsync(() => Sent(2).Count == 2, "a second Identify");
        Assert.Empty(Sent(6));
        Assert.Equal(["/gateway", "/gateway"], discord.GatewayPaths);
    }

    [Fact]
    public async Task Close_code_4004_stops_the_client_for_good()
    {
        discord.IdentifyCloseCode = 4004;
        await StartBotAsync();
        var gateway = server!.App.Services.GetRequiredService<DiscordGatewayClient>();
        var stopped = await Task.WhenAny(gateway.ExecuteTask!, Task.Delay(10_000));
        Assert.Same(gateway.ExecuteTask, stopped);
        Assert.Equal(4004, gateway.FatalCloseCode);
        // The client's loop has ended, so no reconnect can follow: one connection is all there will ever be.
        Assert.Equal(1, discord.GatewayConnections);
    }
}
