using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Commands;

namespace PaperBot.Tests.Discord;

/// <summary>Nothing a signed interaction holds may stop the server, and no interaction is acted on twice.</summary>
public sealed class InteractionHardeningTests(DiscordServerFixture fixture) : IClassFixture<DiscordServerFixture>
{
    private readonly FakeDiscordServer discord = fixture.Discord;
    private readonly PaperBotTestServer server = fixture.Server;

    private static string OriginalPath(string token) => $"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original";

    private static string With(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return node.ToJsonString();
    }

    private async Task<(HttpStatusCode Status, JsonElement? Body)> PostAsync(string json)
    {
        using var response = await server.PostInteractionAsync(json);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(text).RootElement.Clone() : null);
    }

    private async Task AssertStillAnswersAsync(string token, string userId)
    {
        var (status, body) = await PostAsync(PaperBotTestServer.Command("ask", "question", "what is speculative decoding?", token: token, userId: userId));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, body!.Value.GetProperty("type").GetInt32());
        await Eventually.TrueAsync(() => discord.RequestsTo(OriginalPath(token), "PATCH").Count > 0, "the answer to " + token, timeout: TimeSpan.FromSeconds(90));
        using var health = await server.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Interactions_with_a_null_token_are_refused_and_never_stop_the_answer_workers()
    {
        // Before: each one killed an answer worker, and the fourth stopped the server.
        for (var i = 0; i < 6; i++)
        {
            var json = With(PaperBotTestServer.Command("ask", "question", "hello?", userId: $"7100{i}"), n => n["token"] = null);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(json)).Status);
        }
        // Work that fails while being delivered, whatever the failure, is contained to that one interaction.
        var queue = server.App.Services.GetRequiredService<DiscordInteractionQueue>();
        var workers = server.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PaperBot.Host.Channels.Discord.DiscordOptions>>().Value.Workers;
        for (var i = 0; i <= workers + 1; i++)
        {
            var broken = new Interaction { Id = $"broken-{i}", Type = InteractionType.ApplicationCommand, Token = null! };
            Assert.True(queue.TryEnqueue(new DeferredInteraction(broken, "ask", _ => Task.FromResult(PaperBotAssistant.Help()))));
        }
        await Eventually.TrueAsync(() => queue.Count == 0, "the broken work taken");
        await AssertStillAnswersAsync("tok-after-null", "7101");
    }

    [Theory]
    [InlineData("ask", """[null]""")]
    [InlineData("ask", """[{"name":null,"type":3,"value":null}]""")]
    [InlineData("digest", """[null]""")]
    [InlineData("digest", """[{"name":"status","type":1,"options":[null]}]""")]
    [InlineData("digest", """[{"name":"subscribe","type":1,"options":[null,{"name":null,"type":3,"value":"x"}]}]""")]
    public async Task Null_options_get_a_notice_never_a_500(string command, string options)
    {
        var json = With(PaperBotTestServer.Command(command, userId: "7200"), n => n["data"]!["options"] = JsonNode.Parse(options));
        var (status, body) = await PostAsync(json);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body!.Value.GetProperty("type").GetInt32() is 4 or 5);
    }

    [Fact]
    public async Task A_replayed_signed_interaction_is_acknowledged_but_answered_once()
    {
        var json = PaperBotTestServer.Command("ask", "question", "which papers are about speculative decoding?", token: "tok-replay", userId: "7300");
        var body = System.Text.Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = server.Signer.Sign(timestamp, body);

        using (var first = await server.PostRawAsync(body, signature, timestamp))
        {
            Assert.Equal(5, JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
        }
        await Eventually.TrueAsync(() => discord.RequestsTo(OriginalPath("tok-replay"), "PATCH").Count > 0, "the first answer", timeout: TimeSpan.FromSeconds(90));
        using (var replay = await server.PostRawAsync(body, signature, timestamp))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            var response = JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(4, response.GetProperty("type").GetInt32());
            Assert.Equal(DiscordInteractionHandler.ReplayNotice, response.GetProperty("data").GetProperty("content").GetString());
        }
        // A replay is answered in its HTTP response only: nothing was queued, so nothing more reaches Discord.
        Assert.Equal(0, server.App.Services.GetRequiredService<DiscordInteractionQueue>().Count);
        Assert.Single(discord.RequestsTo(OriginalPath("tok-replay"), "PATCH"));
    }
}
