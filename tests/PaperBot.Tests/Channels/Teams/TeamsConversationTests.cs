using System.Net;
using System.Text.Json.Nodes;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams.Conversations;

namespace PaperBot.Tests.Teams;

/// <summary>Conversations end to end: activities in, cards out through the fake connector, references stored.</summary>
[Collection(TeamsServerCollection.Name)]
public sealed class TeamsConversationTests(AuthenticatedTeamsServer server)
{
    private FakeBotConnector Connector => server.Connector;

    [Fact]
    public async Task In_a_channel_the_mention_is_removed_and_the_reply_is_a_threaded_card_at_an_escaped_url()
    {
        var conversation = TeamsServerFixture.NewConversationId("channel");
        var activity = server.Message(conversation, "search speculative decoding", "channel", mentionBot: true);
        var id = await PostAsync(activity);

        var reply = (await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id)).Single();

        Assert.Equal(Uri.EscapeDataString(conversation), reply.RawConversationSegment);
        Assert.DoesNotMatch("[:;@=]", reply.RawConversationSegment!);
        var json = reply.Node!;
        Assert.Equal("message", json["type"]!.GetValue<string>());
        Assert.Equal(id, json["replyToId"]!.GetValue<string>());
        Assert.Equal(TeamsServerFixture.BotId, json["from"]!["id"]!.GetValue<string>());
        Assert.Equal(conversation, json["conversation"]!["id"]!.GetValue<string>());
        Assert.Null(json["text"]); // text and a card in one activity get split by Teams
        var card = Card(json);
        // Had the mention stayed in the text, "search" would not have been read as the command.
        Assert.Equal("Papers matching \"speculative decoding\"", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Contains(Texts(card), t => t.EndsWith("dcq556", StringComparison.Ordinal));
        // Teams shows no typing indicator in channels, so none is sent there.
        Assert.DoesNotContain(Connector.ConnectorCalls(conversation), r => r.ActivityType == "typing");
    }

    [Fact]
    public async Task In_a_group_chat_a_message_that_does_not_mention_the_bot_is_not_answered()
    {
        var conversation = TeamsServerFixture.NewConversationId("groupChat");
        var unmentioned = await PostAsync(server.Message(conversation, "help", "groupChat"));
        var mentioned = await PostAsync(server.Message(conversation, "help", "groupChat", mentionBot: true));

        await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == mentioned);

        Assert.DoesNotContain(Connector.ConnectorCalls(conversation), r => r.ReplyToId == unmentioned);
    }

    [Fact]
    public async Task A_personal_question_gets_typing_then_a_card_whose_sentences_keep_their_citations()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var id = await PostAsync(server.Message(conversation, "ask what is speculative decoding?"));

        var reply = (await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id)).Single();

        var calls = Connector.ConnectorCalls(conversation);
        var typing = calls.First(r => r.ActivityType == "typing");
        Assert.Null(typing.ReplyToId);
        Assert.True(typing.At <= reply.At);
        var json = reply.Node!;
        var attachment = json["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var texts = Texts(card);
        Assert.Matches(@"\[1\]", texts[0]);
        // Every marker has its numbered paper (a list entry or a source), with the paper id, on the same card.
        foreach (var n in System.Text.RegularExpressions.Regex.Matches(string.Join(" ", texts), @"(?<!\*\*)\[(\d+)\](?!\*\*)").Select(m => m.Groups[1].Value).Distinct())
        {
            Assert.Contains(texts, t => t.StartsWith($"**[{n}]** ", StringComparison.Ordinal));
        }
        Assert.Contains("dcq556", string.Join("\n", texts), StringComparison.Ordinal);
        Assert.Contains(PaperBot.Tests.Teams.CardText.Payloads(card), p => p == "pb:abs:dcq556");
        var fallback = card["fallbackText"]!.GetValue<string>();
        Assert.Contains("[1] ", fallback, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json["summary"]?.GetValue<string>()));
    }

    [Fact]
    public async Task A_paper_with_a_link_gets_an_open_action()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var id = await PostAsync(server.Message(conversation, "paper s8y89a"));

        var reply = (await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id)).Single();

        var card = Card(reply.Node!);
        var actions = Actions(card);
        var open = actions.Single(a => a["type"]!.GetValue<string>() == "Action.OpenUrl");
        Assert.StartsWith("https://github.com/Yifan-Song793/InfoCL", open["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["pb:sim:s8y89a", "pb:ask:s8y89a"], PaperBot.Tests.Teams.CardText.Payloads(card));
        Assert.Contains("Id: s8y89a", Texts(card));
    }

    private static List<JsonNode> Actions(JsonNode? node) => node switch
    {
        JsonObject obj when obj["type"]?.GetValue<string>() == "ActionSet" => obj["actions"]!.AsArray().Select(a => a!).ToList(),
        JsonObject obj => obj.SelectMany(p => Actions(p.Value)).ToList(),
        JsonArray array => array.SelectMany(Actions).ToList(),
        _ => [],
    };

    [Fact]
    public async Task Installing_in_a_team_stores_the_reference_and_the_digest_can_post_proactively()
    {
        var conversation = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await PostAsync(Install(conversation));
        await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ActivityType == "message"); // the welcome card

        var stored = server.Service<ConversationReferenceStore>().Get("msteams", conversation)!;
        Assert.True(stored.Active);
        Assert.Equal(Connector.ServiceUrl, stored.ServiceUrl);
        Assert.Equal(TeamsServerFixture.BotId, stored.BotId);
        Assert.Equal("team-1", stored.TeamId);
        Assert.Equal("channel", stored.ConversationType);

        var before = Connector.ConnectorCalls(conversation).Count;
        var result = await server.Service<TeamsProactiveSender>().SendAsync(conversation, DigestLike(), CancellationToken.None);

        Assert.Equal(ProactiveSendStatus.Sent, result.Status);
        var post = Connector.ConnectorCalls(conversation).Skip(before).Single();
        Assert.Null(post.ReplyToId); // a new message in the channel, not a reply
        Assert.StartsWith("Bearer ", post.Authorization, StringComparison.Ordinal);
        Assert.Equal("Today's papers", Card(post.Node!)["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_404_about_something_else_fails_the_send_but_leaves_the_conversation_active()
    {
        var conversation = await InstalledConversationAsync();
        Connector.Script(conversation, new ScriptedAnswer(404, """{"error":{"code":"ActivityNotFound","message":"No such activity."}}"""));
        var sender = server.Service<TeamsProactiveSender>();

        var result = await sender.SendAsync(conversation, DigestLike(), CancellationToken.None);

        Assert.Equal(ProactiveSendStatus.Failed, result.Status);
        Assert.True(server.Service<ConversationReferenceStore>().Get("msteams", conversation)!.Active);
    }

    [Theory]
    [InlineData(403, "ConversationBlockedByUser")]
    [InlineData(404, "ConversationNotFound")]
    public async Task A_403_or_404_marks_the_conversation_inactive_is_reported_and_is_not_retried(int status, string code)
    {
        var conversation = await InstalledConversationAsync();
        Connector.Script(conversation, new ScriptedAnswer(status, $$$"""{"error":{"code":"{{{code}}}","message":"The bot cannot post here."}}"""));
        var sender = server.Service<TeamsProactiveSender>();
        var before = Connector.ConnectorCalls(conversation).Count;

        var first = await sender.SendAsync(conversation, DigestLike(), CancellationToken.None);
        var second = await sender.SendAsync(conversation, DigestLike(), CancellationToken.None);

        Assert.Equal(ProactiveSendStatus.Removed, first.Status);
        Assert.Contains(code, first.Detail, StringComparison.Ordinal);
        Assert.Equal(ProactiveSendStatus.Inactive, second.Status);
        Assert.Single(Connector.ConnectorCalls(conversation).Skip(before)); // one attempt, no retries, nothing after
        var stored = server.Service<ConversationReferenceStore>().Get("msteams", conversation)!;
        Assert.False(stored.Active);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), stored.InactiveReason, StringComparison.Ordinal);

        // Speaking to the bot again brings the conversation back.
        await PostAsync(server.Message(conversation, "help", "channel", mentionBot: true));
        await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId is not null);
        Assert.True(server.Service<ConversationReferenceStore>().Get("msteams", conversation)!.Active);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_connector_asked_for()
    {
        var conversation = await InstalledConversationAsync();
        Connector.Script(conversation, new ScriptedAnswer(429, """{"error":{"code":"Throttled"}}""", RetryAfter: "1"));
        var before = Connector.ConnectorCalls(conversation).Count;

        var result = await server.Service<TeamsProactiveSender>().SendAsync(conversation, DigestLike(), CancellationToken.None);

        Assert.Equal(ProactiveSendStatus.Sent, result.Status);
        var attempts = Connector.ConnectorCalls(conversation).Skip(before).ToList();
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Status_412_502_and_504_are_retried_and_giving_up_is_reported_without_deactivating()
    {
        var conversation = await InstalledConversationAsync();
        var sender = server.Service<TeamsProactiveSender>();
        Connector.Script(conversation, new ScriptedAnswer(412), new ScriptedAnswer(502), new ScriptedAnswer(504));
        var before = Connector.ConnectorCalls(conversation).Count;

        var recovered = await sender.SendAsync(conversation, DigestLike(), CancellationToken.None);

        Assert.Equal(ProactiveSendStatus.Sent, recovered.Status);
        Assert.Equal([412, 502, 504, 200], Connector.ConnectorCalls(conversation).Skip(before).Select(a => a.Status));

        // MaxRetryAttempts is 3 in this server: four throttled answers in a row exhaust it.
        Connector.Script(conversation, Enumerable.Repeat(new ScriptedAnswer(429, RetryAfter: "0"), 4).ToArray());
        var gaveUp = await sender.SendAsync(conversation, DigestLike(), CancellationToken.None);

        Assert.Equal(ProactiveSendStatus.Failed, gaveUp.Status);
        Assert.Contains("429", gaveUp.Detail, StringComparison.Ordinal);
        Assert.True(server.Service<ConversationReferenceStore>().Get("msteams", conversation)!.Active);
    }

    [Fact]
    public async Task Removing_the_bot_marks_the_conversation_inactive()
    {
        var conversation = await InstalledConversationAsync();
        var removal = Install(conversation);
        removal.Remove("membersAdded");
        removal["membersRemoved"] = new JsonArray { new JsonObject { ["id"] = TeamsServerFixture.BotId } };
        await PostAsync(removal);

        var store = server.Service<ConversationReferenceStore>();
        await Eventually.TrueAsync(() => !store.Get("msteams", conversation)!.Active, "the conversation marked inactive");
        var result = await server.Service<TeamsProactiveSender>().SendAsync(conversation, DigestLike(), CancellationToken.None);
        Assert.Equal(ProactiveSendStatus.Inactive, result.Status);
    }

    [Fact]
    public async Task A_body_that_is_not_an_activity_gets_400()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync("/api/messages", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Turns_in_one_conversation_are_answered_in_the_order_they_arrived()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var ids = new List<string>();
        foreach (var text in new[] { "ask what is speculative decoding?", "help", "search continual learning", "paper dcq556", "help" })
        {
            ids.Add(await PostAsync(server.Message(conversation, text)));
        }

        var replies = await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId is not null, ids.Count);

        Assert.Equal(ids, replies.Select(r => r.ReplyToId));
    }

    [Fact]
    public async Task An_oversized_activity_gets_413_before_it_is_parsed()
    {
        var activity = server.Message(TeamsServerFixture.NewConversationId(), new string('x', 300_000));
        using var response = await server.PostActivityAsync(activity, server.ValidToken());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private async Task<string> InstalledConversationAsync()
    {
        var conversation = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        await PostAsync(Install(conversation));
        await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ActivityType == "message");
        return conversation;
    }

    private JsonObject Install(string conversation)
    {
        var activity = server.Message(conversation, "", "channel");
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity["membersAdded"] = new JsonArray { new JsonObject { ["id"] = TeamsServerFixture.BotId } };
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = FakeBotConnector.TenantId },
            ["team"] = new JsonObject { ["id"] = "team-1", ["name"] = "Reading group" },
            ["channel"] = new JsonObject { ["id"] = conversation },
            ["eventType"] = "teamMemberAdded",
        };
        return activity;
    }

    private async Task<string> PostAsync(JsonObject activity)
    {
        using var response = await server.PostActivityAsync(activity, server.ValidToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return activity["id"]!.GetValue<string>();
    }

    private static ChatReply DigestLike() => new()
    {
        Kind = ReplyKind.SearchResults,
        Heading = "Today's papers",
        Body = [new AnswerSentence("Unlocking Efficiency in Large Language Model Inference — dcq556", [1])],
        Sources = [new Citation(1, "dcq556", "Unlocking Efficiency in Large Language Model Inference", null, null)],
    };

    private static JsonNode Card(JsonNode activity) => activity["attachments"]![0]!["content"]!;

    private static List<string> Texts(JsonNode card) => PaperBot.Tests.Teams.CardText.Texts(card["body"]).ToList();
}
