using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Digest.Discord;
using PaperBot.Tests.Discord;

namespace PaperBot.Tests.Integration;

/// <summary>/digest as signed interactions to the real server: admins subscribe, others are refused.</summary>
public sealed class DiscordDigestCommandTests(DiscordServerFixture fixture) : IClassFixture<DiscordServerFixture>
{
    private readonly FakeDiscordServer discord = fixture.Discord;
    private readonly PaperBotTestServer server = fixture.Server;

    private DigestSubscriptionStore Store => server.App.Services.GetRequiredService<DigestSubscriptionStore>();

    private static string Digest(string token, string channelId, string? permissions, string subcommand, params object[] options)
    {
        var user = new { id = "700000000000000042", username = "someone" };
        var interaction = new Dictionary<string, object?>
        {
            ["id"] = PaperBotTestServer.NewInteractionId(), // one id per interaction: a repeated id is a replay
            ["application_id"] = FakeDiscordServer.ApplicationId,
            ["type"] = 2,
            ["token"] = token,
            ["version"] = 1,
            ["channel_id"] = channelId,
            ["locale"] = "en-US",
            ["data"] = new { id = "300000000000000042", name = "digest", type = 1, options = new[] { new { name = subcommand, type = 1, options } } },
        };
        if (permissions is null)
        {
            interaction["user"] = user; // a DM: no member, no permissions
        }
        else
        {
            interaction["guild_id"] = "600000000000000001";
            interaction["member"] = new { user, roles = Array.Empty<string>(), permissions };
        }
        return JsonSerializer.Serialize(interaction);
    }

    private async Task<string> ReplyAsync(string json, string token)
    {
        using var response = await server.PostInteractionAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32()); // deferred
        var path = $"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original";
        await Eventually.TrueAsync(() => discord.RequestsTo(path, "PATCH").Count > 0, "the reply to " + token);
        // Exactly one edit: a second identical one was the worker resuming, as if left by a dead process, an
        // interaction this process had just queued itself (InteractionResumeTests pins that down).
        var patches = discord.RequestsTo(path, "PATCH");
        Assert.True(patches.Count == 1, string.Join(" || ", patches.Select(p => $"{p.Status}: {p.Json}")));
        return DiscordMessageText.Of(patches.Single().Json);
    }

    [Fact]
    public async Task A_member_with_manage_server_subscribes_the_channel_with_the_options_given()
    {
        const string channel = "400000000000000101";
        var reply = await ReplyAsync(Digest("tok-digest-admin", channel, "32", "subscribe",
            new { name = "cron", type = 3, value = "0 8 * * 1-5" },
            new { name = "tz", type = 3, value = "Europe/Berlin" },
            new { name = "keywords", type = 3, value = "agents, retrieval" },
            new { name = "max_items", type = 4, value = 5 }), "tok-digest-admin");

        var subscription = Assert.Single(Store.ForTarget(new DigestTarget(DiscordChannelTarget.KindName, channel)));
        Assert.Contains("Subscribed: " + subscription.Id, reply, StringComparison.Ordinal);
        Assert.True(subscription.Active);
        Assert.Equal("0 8 * * 1-5", subscription.Schedule.Cron);
        Assert.Equal("Europe/Berlin", subscription.Schedule.TimeZone);
        Assert.Equal(["agents", "retrieval"], subscription.Filters.Keywords);
        Assert.Equal(5, subscription.Filters.MaxItems);
        Assert.Equal("discord", subscription.Origin);

        var status = await ReplyAsync(Digest("tok-digest-status", channel, "0", "status"), "tok-digest-status");
        Assert.Contains(subscription.Id + ": active", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2048", "400000000000000102")] // may send messages, may not manage the server
    [InlineData(null, "400000000000000103")] // a DM
    public async Task Others_are_refused_and_nothing_is_subscribed(string? permissions, string channel)
    {
        var token = "tok-digest-refused-" + channel;
        var reply = await ReplyAsync(Digest(token, channel, permissions, "subscribe"), token);

        Assert.Contains("Only admins can subscribe", reply, StringComparison.Ordinal);
        Assert.Empty(Store.ForTarget(new DigestTarget(DiscordChannelTarget.KindName, channel)));
    }

    [Fact]
    public async Task Help_names_the_digest_commands()
    {
        using var response = await server.PostInteractionAsync(PaperBotTestServer.Command("help", token: "tok-digest-help"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = $"webhooks/{FakeDiscordServer.ApplicationId}/tok-digest-help/messages/@original";
        await Eventually.TrueAsync(() => discord.RequestsTo(path, "PATCH").Count > 0, "the help reply");

        Assert.Contains("digest status, preview, subscribe or unsubscribe", DiscordMessageText.Of(discord.RequestsTo(path, "PATCH").Single().Json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("32", true)]
    [InlineData("8", true)]
    [InlineData("1125899906842656", true)] // a high bit and MANAGE_GUILD: permissions outgrow 32 bits
    [InlineData("1125899906842624", false)]
    [InlineData("2048", false)]
    [InlineData("not a number", false)]
    public void Admin_is_manage_server_or_administrator_in_the_member_permissions(string permissions, bool admin) =>
        Assert.Equal(admin, DigestSlashCommandModule.IsAdmin(new Interaction { Member = new GuildMember { Permissions = permissions } }));
}
