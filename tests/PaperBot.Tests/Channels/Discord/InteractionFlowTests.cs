using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Commands;

namespace PaperBot.Tests.Discord;

/// <summary>Slash commands end to end: defer at once, then the answer arrives by PATCH on @original (and follow-ups).</summary>
public sealed class InteractionFlowTests(DiscordServerFixture fixture) : IClassFixture<DiscordServerFixture>
{
    private readonly FakeDiscordServer discord = fixture.Discord;
    private readonly PaperBotTestServer server = fixture.Server;

    private static string OriginalPath(string token) => $"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original";

    private async Task<JsonElement> PostAsync(string json)
    {
        using var response = await server.PostInteractionAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<RecordedRequest> OriginalEditAsync(string token)
    {
        await Eventually.TrueAsync(() => discord.RequestsTo(OriginalPath(token), "PATCH").Count > 0, "the PATCH of @original for " + token);
        return discord.RequestsTo(OriginalPath(token), "PATCH").Single();
    }

    private static void AssertSafe(RecordedRequest request)
    {
        Assert.Equal(200, request.Status);
        Assert.Null(request.Authorization); // the interaction token is the credential; the bot token stays home
        var parse = request.Json.GetProperty("allowed_mentions").GetProperty("parse");
        Assert.Equal(JsonValueKind.Array, parse.ValueKind);
        Assert.Equal(0, parse.GetArrayLength());
        Assert.Empty(DiscordMessageLimits.Violations(System.Text.Json.Nodes.JsonNode.Parse(request.Json.GetRawText())!));
    }

    private static string Description(RecordedRequest request) =>
        request.Json.GetProperty("embeds")[0].GetProperty("description").GetString()!;

    [Fact]
    public async Task Ask_is_deferred_then_the_cited_answer_replaces_the_thinking_message()
    {
        // The answer's edit is held at the fake Discord until the acknowledgement is in: Discord's 3 s deadline
        // is met by not waiting for the answer at all, which this checks without timing anything.
        JsonElement response;
        using (discord.Hold(OriginalPath("tok-ask")))
        {
            response = await PostAsync(PaperBotTestServer.Command("ask", "question", "which papers are about speculative decoding?", token: "tok-ask", userId: "701"))
                .WaitAsync(TimeSpan.FromMinutes(1));
            await Eventually.TrueAsync(() => discord.HeldRequests == 1, "the answer's edit to reach the fake Discord");
        }
        Assert.Equal(5, response.GetProperty("type").GetInt32());

        var edit = await OriginalEditAsync("tok-ask");
        AssertSafe(edit);
        Assert.Contains("[1]", Description(edit), StringComparison.Ordinal);
        // Each cited paper has its buttons under the answer.
        var first = edit.Json.GetProperty("components")[0].GetProperty("components")[0];
        Assert.StartsWith("pb:abs:", first.GetProperty("custom_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_search_paper_and_similar_each_deliver_an_answer()
    {
        Assert.Equal(5, (await PostAsync(PaperBotTestServer.Command("help", token: "tok-help", userId: "702"))).GetProperty("type").GetInt32());
        Assert.Contains("ask QUESTION", Description(await OriginalEditAsync("tok-help")), StringComparison.Ordinal);

        await PostAsync(PaperBotTestServer.Command("search", "query", "language model", token: "tok-search", userId: "702"));
        var search = Description(await OriginalEditAsync("tok-search"));
        var id = System.Text.RegularExpressions.Regex.Match(search, @"\*\*\[1\]\*\* .* · `([a-z0-9]+)`").Groups[1].Value;
        Assert.NotEmpty(id);

        await PostAsync(PaperBotTestServer.Command("paper", "id", id, token: "tok-paper", userId: "702"));
        var paper = await OriginalEditAsync("tok-paper");
        Assert.Contains(id, paper.Json.GetRawText(), StringComparison.Ordinal);
        Assert.True(Description(paper).Length > 100, "the abstract");

        await PostAsync(PaperBotTestServer.Command("similar", "id", id, token: "tok-similar", userId: "703"));
        Assert.StartsWith("Papers like", (await OriginalEditAsync("tok-similar")).Json.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_containing_everyone_and_markdown_pings_nobody_and_shows_literally()
    {
        await PostAsync(PaperBotTestServer.Command("search", "query", "@everyone **zzqxj** <@123>", token: "tok-everyone", userId: "704", guildId: null));
        var edit = await OriginalEditAsync("tok-everyone");
        AssertSafe(edit);
        var content = edit.Json.GetProperty("content").GetString()!;
        Assert.Contains("@everyone", content, StringComparison.Ordinal);
        Assert.Contains(@"\*\*zzqxj\*\*", content, StringComparison.Ordinal);
        Assert.Contains(@"\<@123\>", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_commands_and_missing_options_get_an_ephemeral_error_and_no_deferral()
    {
        var unknown = await PostAsync(PaperBotTestServer.Command("nope", token: "tok-nope", userId: "705"));
        Assert.Equal(4, unknown.GetProperty("type").GetInt32());
        Assert.Equal(64, unknown.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("/nope", unknown.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, unknown.GetProperty("data").GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());

        var missing = await PostAsync(PaperBotTestServer.Command("ask", token: "tok-missing", userId: "705"));
        Assert.Equal(4, missing.GetProperty("type").GetInt32());
        Assert.Equal(64, missing.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("question", missing.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);

        var wrongType = await PostAsync(PaperBotTestServer.Command("ask", token: "tok-missing", userId: "705").Replace("\"options\":[]", "\"options\":[{\"name\":\"question\",\"type\":4,\"value\":7}]", StringComparison.Ordinal));
        Assert.Equal(64, wrongType.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Empty(discord.RequestsTo(OriginalPath("tok-nope")));
    }

    [Fact]
    public async Task A_user_over_the_question_limit_is_asked_kindly_to_wait_while_others_are_served()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(5, (await PostAsync(PaperBotTestServer.Command("search", "query", "attention", token: $"tok-limit-{i}", userId: "706"))).GetProperty("type").GetInt32());
        }
        var limited = await PostAsync(PaperBotTestServer.Command("search", "query", "attention", token: "tok-limit-3", userId: "706"));
        Assert.Equal(4, limited.GetProperty("type").GetInt32());
        Assert.Equal(64, limited.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("try again in", limited.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        // Help is free, and another user is unaffected.
        Assert.Equal(5, (await PostAsync(PaperBotTestServer.Command("help", token: "tok-limit-help", userId: "706"))).GetProperty("type").GetInt32());
        Assert.Equal(5, (await PostAsync(PaperBotTestServer.Command("search", "query", "attention", token: "tok-limit-other", userId: "707"))).GetProperty("type").GetInt32());
    }

    [Fact]
    public async Task A_long_answer_is_split_between_sentences_into_the_edit_and_follow_ups()
    {
        var sentences = Enumerable.Range(1, 90).Select(i => new AnswerSentence($"Claim number {i} says something long enough to matter about papers and their results, at length.", [i % 5 + 1])).ToList();
        var reply = new ChatReply
        {
            Kind = ReplyKind.Answer,
            Body = sentences,
            Sources = Enumerable.Range(1, 5).Select(n => new Citation(n, $"id{n}", $"Paper {n} with *stars*", $"https://example.org/p{n}", "2024-05")).ToList(),
        };
        var interaction = new Interaction { Id = "1", Token = "tok-long", ApplicationId = FakeDiscordServer.ApplicationId, Type = InteractionType.ApplicationCommand };
        var worker = server.App.Services.GetRequiredService<DiscordInteractionWorker>();
        await worker.DeliverAsync(new DeferredInteraction(interaction, "ask", _ => Task.FromResult(reply)), CancellationToken.None);

        var edit = discord.RequestsTo(OriginalPath("tok-long"), "PATCH").Single();
        var followUps = discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/tok-long", "POST");
        Assert.NotEmpty(followUps);
        var all = new[] { edit }.Concat(followUps).ToList();
        all.ForEach(AssertSafe);
        var text = string.Join("\n", all.Select(r => r.Json.GetRawText()));
        foreach (var (s, i) in sentences.Select((s, i) => (s, i)))
        {
            Assert.Contains($"Claim number {i + 1} says something long enough to matter about papers and their results, at length. [{(i + 1) % 5 + 1}]", string.Join("\n", all.Select(Description)), StringComparison.Ordinal);
        }
        Assert.Contains(@"Paper 1 with \\*stars\\*", text, StringComparison.Ordinal);
        Assert.Contains("(https://example.org/p1)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_while_answering_gets_an_apology_not_silence()
    {
        var interaction = new Interaction { Id = "2", Token = "tok-fail", ApplicationId = FakeDiscordServer.ApplicationId, Type = InteractionType.ApplicationCommand };
        var worker = server.App.Services.GetRequiredService<DiscordInteractionWorker>();
        await worker.DeliverAsync(new DeferredInteraction(interaction, "ask", _ => throw new InvalidOperationException("index is broken")), CancellationToken.None);

        var edit = discord.RequestsTo(OriginalPath("tok-fail"), "PATCH").Single();
        AssertSafe(edit);
        Assert.Contains("Sorry", edit.Json.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("index is broken", edit.Json.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_an_interaction_is_a_bad_request()
    {
        using var response = await server.PostInteractionAsync("[1,2,3]");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
