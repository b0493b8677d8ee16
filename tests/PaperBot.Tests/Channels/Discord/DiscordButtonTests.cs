using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;
using PaperBot.Host.Channels.Discord.Commands;

namespace PaperBot.Tests.Discord;

/// <summary>The buttons under answers (MESSAGE_COMPONENT interactions) through the real endpoint, signed as Discord signs.</summary>
public sealed class DiscordButtonTests(DiscordServerFixture fixture) : IClassFixture<DiscordServerFixture>
{
    private const string Channel = "400000000000000777";
    private readonly FakeDiscordServer discord = fixture.Discord;
    private readonly PaperBotTestServer server = fixture.Server;

    private static string Press(string customId, string userId, string token, string? id = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id ?? PaperBotTestServer.NewInteractionId(),
            ["application_id"] = FakeDiscordServer.ApplicationId,
            ["type"] = 3,
            ["token"] = token,
            ["version"] = 1,
            ["channel_id"] = Channel,
            ["guild_id"] = "600000000000000001",
            ["member"] = new { user = new { id = userId, username = "presser" }, roles = Array.Empty<string>() },
            ["message"] = new { id = "800000000000000001", channel_id = Channel },
            ["data"] = new { custom_id = customId, component_type = 2 },
        });

    private async Task<JsonElement> PostAsync(string json)
    {
        using var response = await server.PostInteractionAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // never a 5xx, whatever the button says
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private string SomePaperId(string query) =>
        server.App.Services.GetRequiredService<PaperBotAssistant>().Search(query).Sources[0].Id;

    private static void AssertEphemeralWithinLimits(JsonElement response)
    {
        Assert.Equal(4, response.GetProperty("type").GetInt32());
        var data = response.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Empty(DiscordMessageLimits.Violations(System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText())!));
    }

    [Fact]
    public async Task Abstract_shows_the_papers_card_at_once_to_the_presser_only()
    {
        var id = SomePaperId("speculative decoding");

        var response = await PostAsync(Press(PaperActionPayload.Encode(PaperActionKind.Abstract, id), "901", "tok-b-abs"));

        AssertEphemeralWithinLimits(response);
        var embed = response.GetProperty("data").GetProperty("embeds")[0];
        Assert.True(embed.GetProperty("description").GetString()!.Length > 100, "the abstract");
        Assert.Contains(embed.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Id" && f.GetProperty("value").GetString() == id);
        // What comes next: similar papers and a follow-up, not the abstract again.
        var labels = response.GetProperty("data").GetProperty("components")[0].GetProperty("components").EnumerateArray().Select(b => b.GetProperty("label").GetString()).ToList();
        Assert.Equal(["Similar papers", "Ask about this paper"], labels);
    }

    [Theory]
    [InlineData("pb:abs:NOT-AN-ID")]
    [InlineData("pb:zzz:abcdef")]
    [InlineData("")]
    [InlineData("{\"admin\":true}")]
    public async Task A_forged_custom_id_gets_a_polite_refusal(string customId)
    {
        var response = await PostAsync(Press(customId, "902", "tok-b-forged"));

        AssertEphemeralWithinLimits(response);
        Assert.Equal(DiscordPaperActions.Unrecognised, response.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_stale_paper_id_gets_a_polite_line_not_an_error()
    {
        foreach (var kind in new[] { PaperActionKind.Abstract, PaperActionKind.Similar, PaperActionKind.AskAbout })
        {
            var response = await PostAsync(Press(PaperActionPayload.Encode(kind, "zz9zz9"), "903", "tok-b-stale-" + kind));
            AssertEphemeralWithinLimits(response);
            Assert.Contains("no paper with the id", response.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Similar_papers_is_acknowledged_with_type_6_and_arrives_as_an_ephemeral_follow_up()
    {
        var id = SomePaperId("mixture of experts routing");

        var response = await PostAsync(Press(PaperActionPayload.Encode(PaperActionKind.Similar, id), "904", "tok-b-similar"));

        Assert.Equal(6, response.GetProperty("type").GetInt32());
        var path = $"webhooks/{FakeDiscordServer.ApplicationId}/tok-b-similar";
        await Eventually.TrueAsync(() => discord.RequestsTo(path, "POST").Count > 0, "the similar-papers follow-up");
        var followUp = discord.RequestsTo(path, "POST").Single();
        Assert.Equal(200, followUp.Status);
        Assert.Equal(64, followUp.Json.GetProperty("flags").GetInt32());
        Assert.StartsWith("Papers like", followUp.Json.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain($"`{id}`", followUp.Json.GetProperty("embeds")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Empty(discord.RequestsTo(path + "/messages/@original", "PATCH")); // the answer with the button is left alone
    }

    [Fact]
    public async Task Ask_about_this_paper_makes_it_what_the_next_question_in_the_channel_is_about()
    {
        var id = SomePaperId("continual relation extraction");
        var title = server.App.Services.GetRequiredService<PaperBotAssistant>().PaperDetails(id).Heading!;

        var response = await PostAsync(Press(PaperActionPayload.Encode(PaperActionKind.AskAbout, id), "905", "tok-b-ask"));
        AssertEphemeralWithinLimits(response);
        Assert.Contains(title, DiscordMessageText.Of(response.GetProperty("data")), StringComparison.Ordinal);

        var ask = PaperBotTestServer.Command("ask", "question", "when was it published?", userId: "905", token: "tok-b-ask-next")
            .Replace("\"channel_id\":\"400000000000000001\"", $"\"channel_id\":\"{Channel}\"", StringComparison.Ordinal);
        Assert.Equal(5, (await PostAsync(ask)).GetProperty("type").GetInt32());
        var path = $"webhooks/{FakeDiscordServer.ApplicationId}/tok-b-ask-next/messages/@original";
        await Eventually.TrueAsync(() => discord.RequestsTo(path, "PATCH").Count > 0, "the follow-up answer");
        var answer = DiscordMessageText.Of(discord.RequestsTo(path, "PATCH").Single().Json);
        Assert.Contains(title, answer, StringComparison.Ordinal);
        Assert.Contains(id, answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_press_replayed_is_not_acted_on_twice()
    {
        var id = SomePaperId("speculative decoding");
        var press = Press(PaperActionPayload.Encode(PaperActionKind.Similar, id), "907", "tok-b-replay", id: "510000000000000907");

        Assert.Equal(6, (await PostAsync(press)).GetProperty("type").GetInt32());
        var replay = await PostAsync(press);

        AssertEphemeralWithinLimits(replay);
        // The accepted-work journal recognises the replayed id before the button handler sees it.
        Assert.Equal(DiscordInteractionHandler.ReplayNotice, replay.GetProperty("data").GetProperty("content").GetString());
        var path = $"webhooks/{FakeDiscordServer.ApplicationId}/tok-b-replay";
        await Eventually.TrueAsync(() => discord.RequestsTo(path, "POST").Count > 0, "the similar-papers follow-up");
        Assert.Single(discord.RequestsTo(path, "POST"));
    }

    [Fact]
    public async Task Presses_are_limited_per_user_like_questions()
    {
        var id = SomePaperId("speculative decoding");
        var payload = PaperActionPayload.Encode(PaperActionKind.Abstract, id);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull((await PostAsync(Press(payload, "906", $"tok-b-limit-{i}"))).GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString());
        }

        var limited = await PostAsync(Press(payload, "906", "tok-b-limit-3"));

        AssertEphemeralWithinLimits(limited);
        Assert.Contains("try again in", limited.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}
