using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Teams;
using PaperBot.Host.Digest.Teams;

namespace PaperBot.Tests.Integration;

/// <summary>"digest …" typed to the bot in Teams: anyone in a personal chat, listed AAD ids in channels and group chats.</summary>
[Collection(TeamsServerCollection.Name)]
public sealed class TeamsDigestCommandTests(AuthenticatedTeamsServer server)
{
    private DigestSubscriptionStore Store => server.Service<DigestSubscriptionStore>();

    private async Task<string> ReplyTextAsync(string conversation, JsonObject activity)
    {
        using var response = await server.PostActivityAsync(activity, server.ValidToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = activity["id"]!.GetValue<string>();
        var reply = (await server.Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id)).Single();
        var card = reply.Node!["attachments"]![0]!["content"]!;
        return PaperBot.Tests.Teams.CardText.Of(card);
    }

    [Fact]
    public async Task In_a_personal_chat_digest_subscribe_creates_a_subscription_for_that_chat()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var text = await ReplyTextAsync(conversation, server.Message(conversation, "digest subscribe cron=\"30 7 * * *\" keywords=agents max-items=3"));

        var subscription = Assert.Single(Store.ForTarget(new DigestTarget(TeamsConversationTarget.KindName, conversation)));
        Assert.Contains("Subscribed: " + subscription.Id, text, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot post", text, StringComparison.Ordinal); // Teams delivery is registered with an app id
        Assert.Equal("30 7 * * *", subscription.Schedule.Cron);
        Assert.Equal(["agents"], subscription.Filters.Keywords);
        Assert.Equal(3, subscription.Filters.MaxItems);
        Assert.Equal("teams", subscription.Origin);
        Assert.Equal("aad-user-1", subscription.CreatedBy);
    }

    [Fact]
    public async Task In_a_channel_someone_not_listed_as_digest_admin_is_told_why_and_nothing_is_subscribed()
    {
        var conversation = TeamsServerFixture.NewConversationId("channel");
        var text = await ReplyTextAsync(conversation, server.Message(conversation, "digest subscribe", "channel", mentionBot: true));

        Assert.Contains("Digest:TeamsAdmins", text, StringComparison.Ordinal);
        Assert.Contains("aad-user-1", text, StringComparison.Ordinal);
        Assert.Empty(Store.ForTarget(new DigestTarget(TeamsConversationTarget.KindName, conversation)));

        var status = await ReplyTextAsync(conversation, server.Message(conversation, "digest status", "channel", mentionBot: true));
        Assert.Contains("not subscribed", status, StringComparison.Ordinal); // status needs no admin
    }

    [Fact]
    public async Task Help_names_the_digest_commands()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var text = await ReplyTextAsync(conversation, server.Message(conversation, "help"));

        Assert.Contains("digest status, preview, subscribe or unsubscribe", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_aad_id_listed_in_teams_admins_may_subscribe_a_group_chat()
    {
        using var h = new DigestHarness(new Dictionary<string, string?> { ["Digest:TeamsAdmins:0"] = "AAD-ADMIN" });
        var command = h.Provider.GetServices<ITeamsTextCommand>().Single();
        ConversationReference In(string aad) => new()
        {
            ChannelId = "msteams", ConversationId = "19:group@thread.v2", ServiceUrl = "https://smba.trafficmanager.net/amer/",
            ConversationType = "groupChat", BotId = TeamsServerFixture.BotId, UserAadObjectId = aad,
        };

        var refused = await command.TryHandleAsync("digest subscribe", In("someone-else"), CancellationToken.None);
        var accepted = await command.TryHandleAsync("Digest subscribe", In("aad-admin"), CancellationToken.None);
        var notOurs = await command.TryHandleAsync("digestive biscuits", In("aad-admin"), CancellationToken.None);

        Assert.Contains("Digest:TeamsAdmins", refused!.ToPlainText(), StringComparison.Ordinal);
        Assert.StartsWith("Subscribed", accepted!.Heading, StringComparison.Ordinal);
        Assert.Null(notOurs);
        Assert.Single(h.Subscriptions.ForTarget(new DigestTarget(TeamsConversationTarget.KindName, "19:group@thread.v2")));
    }
}
