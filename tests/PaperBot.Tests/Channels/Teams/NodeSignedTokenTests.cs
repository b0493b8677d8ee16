using System.Net;

namespace PaperBot.Tests.Teams;

/// <summary>Tokens and keys from Node's crypto get the same verdicts as the hand-minted ones.</summary>
public sealed class NodeSignedTokenTests(NodeSignedTokenServer server) : IClassFixture<NodeSignedTokenServer>
{
    [NodeAvailableFact]
    public async Task Node_signed_tokens_are_accepted_or_refused_for_the_same_reasons()
    {
        var expected = new Dictionary<string, HttpStatusCode>
        {
            ["valid"] = HttpStatusCode.OK,
            ["wrongAudience"] = HttpStatusCode.Unauthorized,
            ["expired"] = HttpStatusCode.Unauthorized,
            ["tampered"] = HttpStatusCode.Unauthorized,
            ["serviceUrlMismatch"] = HttpStatusCode.Forbidden,
        };
        Assert.Equal(expected.Keys.Order(), server.NodeTokens.Keys.Order());

        foreach (var (kind, status) in expected)
        {
            var conversation = TeamsServerFixture.NewConversationId();
            var activity = server.Message(conversation, "help");
            using var response = await server.PostActivityAsync(activity, server.NodeTokens[kind]);
            Assert.True(status == response.StatusCode, $"{kind}: expected {status}, got {response.StatusCode}");
            if (status == HttpStatusCode.OK)
            {
                var id = activity["id"]!.GetValue<string>();
                await server.Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id);
            }
        }
    }
}
