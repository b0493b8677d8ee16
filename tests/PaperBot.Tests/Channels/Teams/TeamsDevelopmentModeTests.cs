using System.Net;

namespace PaperBot.Tests.Teams;

/// <summary>No Teams:AppId: unauthenticated activities (Agents Playground, Emulator) are answered, on loopback only and without a token.</summary>
public sealed class TeamsDevelopmentModeTests(DevelopmentTeamsServer server) : IClassFixture<DevelopmentTeamsServer>
{
    [Fact]
    public async Task An_unauthenticated_activity_is_answered_at_a_loopback_service_url_without_a_token()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var activity = server.Message(conversation, "help");

        using var response = await server.PostActivityAsync(activity, bearerToken: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = activity["id"]!.GetValue<string>();
        var reply = (await server.Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id)).Single();
        Assert.Null(reply.Authorization);
        Assert.Empty(server.Connector.TokenRequests);
    }

    [Fact]
    public async Task Without_an_app_id_an_activity_relayed_by_a_proxy_is_refused()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var activity = server.Message(conversation, "help");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Teams:AppId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_sent_while_no_app_id_is_configured_is_refused_rather_than_ignored()
    {
        var activity = server.Message(TeamsServerFixture.NewConversationId(), "help");

        using var response = await server.PostActivityAsync(activity, Jwt.SignRs256(server.TeamsKey, Jwt.Claims("some-app", server.Connector.ServiceUrl, DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
