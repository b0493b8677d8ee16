using System.Net;
using PaperBot.Host.Channels.Teams.Conversations;

namespace PaperBot.Tests.Teams;

/// <summary>
/// The Bot Connector's inbound authentication, end to end against <c>POST /api/messages</c>: tokens minted here
/// with locally generated RSA keys, keys served by the fake connector's OpenID metadata.
/// </summary>
[Collection(TeamsServerCollection.Name)]
public sealed class TeamsAuthenticationTests(AuthenticatedTeamsServer server)
{
    public static TheoryData<string, int> RefusedRequests => new()
    {
        { "no Authorization header", 401 },
        { "Basic scheme", 401 },
        { "not a JWT", 401 },
        { "wrong audience", 401 },
        { "wrong issuer", 401 },
        { "expired beyond the 5 minute skew", 401 },
        { "not yet valid beyond the 5 minute skew", 401 },
        { "signed by an unknown key", 401 },
        { "signature does not match the payload", 401 },
        { "alg none", 401 },
        { "HS256 with the public key as secret", 401 },
        { "key not endorsed for msteams", 403 },
        { "serviceurl claim differs from the activity", 403 },
        { "no serviceurl claim", 403 },
    };

    public static TheoryData<string> AcceptedRequests => new()
    {
        "valid",
        "expired 4 minutes ago (inside the skew)",
        "valid from 4 minutes from now (inside the skew)",
        "serviceurl claim differs only in case",
    };

    [Theory]
    [MemberData(nameof(RefusedRequests))]
    public async Task A_refused_token_gets_401_or_403_and_the_activity_is_never_processed(string kind, int expectedStatus)
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var refused = server.Message(conversation, "search speculative decoding");
        var (token, raw) = Refused(kind);

        using (var response = await server.PostActivityAsync(refused, token, raw))
        {
            Assert.Equal(expectedStatus, (int)response.StatusCode);
        }

        // A valid activity in the same conversation afterwards is answered; the refused one never is.
        var accepted = server.Message(conversation, "help");
        using (var response = await server.PostActivityAsync(accepted, server.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var acceptedId = accepted["id"]!.GetValue<string>();
        await server.Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == acceptedId);
        var refusedId = refused["id"]!.GetValue<string>();
        Assert.DoesNotContain(server.Connector.ConnectorCalls(conversation), r => r.ReplyToId == refusedId);
        Assert.Equal(acceptedId, server.Service<ConversationReferenceStore>().Get("msteams", conversation)!.LastActivityId);
    }

    [Theory]
    [MemberData(nameof(AcceptedRequests))]
    public async Task An_acceptable_token_is_answered_through_the_connector_with_the_bots_token(string kind)
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var activity = server.Message(conversation, "help");
        var now = DateTimeOffset.UtcNow;
        var claims = kind switch
        {
            "expired 4 minutes ago (inside the skew)" => Jwt.Claims(TeamsServerFixture.AppId, server.Connector.ServiceUrl, now, TimeSpan.FromMinutes(-60), TimeSpan.FromMinutes(-4)),
            "valid from 4 minutes from now (inside the skew)" => Jwt.Claims(TeamsServerFixture.AppId, server.Connector.ServiceUrl, now, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(60)),
            "serviceurl claim differs only in case" => Jwt.Claims(TeamsServerFixture.AppId, server.Connector.ServiceUrl.ToUpperInvariant().Replace("HTTP://", "http://", StringComparison.Ordinal), now),
            _ => Jwt.Claims(TeamsServerFixture.AppId, server.Connector.ServiceUrl, now),
        };

        using var response = await server.PostActivityAsync(activity, Jwt.SignRs256(server.TeamsKey, claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = activity["id"]!.GetValue<string>();
        var reply = (await server.Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id)).Single();
        Assert.StartsWith("Bearer fake-token-", reply.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bot_token_comes_from_the_client_credentials_flow_and_is_cached()
    {
        for (var i = 0; i < 2; i++)
        {
            var conversation = TeamsServerFixture.NewConversationId();
            var activity = server.Message(conversation, "help");
            using var response = await server.PostActivityAsync(activity, server.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await server.Connector.WaitForAsync(r => r.ConversationId == conversation && r.ActivityType == "message");
        }

        Assert.True(server.Connector.TokenRequests.Count == 1, string.Join("\n", server.Connector.Requests.Select(r => $"{r.At:HH:mm:ss.fff} {r.Path} {r.Authorization} {r.Status}")));
        var tokenRequest = Assert.Single(server.Connector.TokenRequests);
        var form = System.Web.HttpUtility.ParseQueryString(tokenRequest.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(TeamsServerFixture.AppId, form["client_id"]);
        Assert.Equal("test-secret", form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
        Assert.All(server.Connector.Requests.Where(r => r.IsConnectorCall), r => Assert.Equal("Bearer fake-token-1", r.Authorization));
    }

    private (string? Token, string? RawHeader) Refused(string kind)
    {
        var now = DateTimeOffset.UtcNow;
        var appId = TeamsServerFixture.AppId;
        var serviceUrl = server.Connector.ServiceUrl;
        var good = Jwt.Claims(appId, serviceUrl, now);
        switch (kind)
        {
            case "no Authorization header":
                return (null, null);
            case "Basic scheme":
                return (null, "Basic " + Convert.ToBase64String("user:pass"u8.ToArray()));
            case "not a JWT":
                return ("not-a-jwt", null);
            case "wrong audience":
                return (Jwt.SignRs256(server.TeamsKey, Jwt.Claims("another-bot-app-id", serviceUrl, now)), null);
            case "wrong issuer":
                good["iss"] = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/";
                return (Jwt.SignRs256(server.TeamsKey, good), null);
            case "expired beyond the 5 minute skew":
                return (Jwt.SignRs256(server.TeamsKey, Jwt.Claims(appId, serviceUrl, now, TimeSpan.FromMinutes(-60), TimeSpan.FromMinutes(-6))), null);
            case "not yet valid beyond the 5 minute skew":
                return (Jwt.SignRs256(server.TeamsKey, Jwt.Claims(appId, serviceUrl, now, TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(60))), null);
            case "signed by an unknown key":
                return (Jwt.SignRs256(server.RogueKey, good), null);
            case "signature does not match the payload":
            {
                var signed = Jwt.SignRs256(server.TeamsKey, good).Split('.');
                var other = Jwt.SignRs256(server.TeamsKey, Jwt.Claims(appId, "http://127.0.0.1:1/elsewhere/", now)).Split('.');
                return ($"{signed[0]}.{other[1]}.{signed[2]}", null);
            }
            case "alg none":
                return (Jwt.WithoutSignature(server.TeamsKey.KeyId, good), null);
            case "HS256 with the public key as secret":
                return (Jwt.SignHs256WithPublicKey(server.TeamsKey, good), null);
            case "key not endorsed for msteams":
                return (Jwt.SignRs256(server.OtherChannelKey, good), null);
            case "serviceurl claim differs from the activity":
                return (Jwt.SignRs256(server.TeamsKey, Jwt.Claims(appId, "https://smba.trafficmanager.net/amer/", now)), null);
            case "no serviceurl claim":
                good.Remove("serviceurl");
                return (Jwt.SignRs256(server.TeamsKey, good), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
