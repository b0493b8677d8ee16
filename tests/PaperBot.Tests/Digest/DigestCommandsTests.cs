using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Chat;
using PaperBot.Core.Digest;
using PaperBot.Host.Digest.Discord;
using PaperBot.Host.Digest.Teams;

namespace PaperBot.Tests.Digest;

/// <summary>The channel-neutral /digest commands the Discord and Teams adapters call, and configured subscriptions.</summary>
public sealed class DigestCommandsTests : IDisposable
{
    private readonly DigestHarness _h = new();

    public void Dispose() => _h.Dispose();

    private DigestCommands Commands => _h.Provider.GetRequiredService<DigestCommands>();

    private static DigestCommandContext Channel(bool admin = true, string id = "111222333444555666") =>
        new(new DigestTarget(DiscordChannelTarget.KindName, id), "user-1", admin, DiscordDigestCommandSyntax.Instance);

    private static string Text(ChatReply reply) => reply.ToPlainText();

    [Fact]
    public async Task Subscribe_status_preview_and_unsubscribe_work_from_a_channel()
    {
        var subscribed = await Commands.HandleAsync(Channel(), "subscribe cron=\"0 8 * * 1-5\" tz=Europe/Berlin keywords=agents,rl max-items=5");
        Assert.NotEqual(ReplyKind.Problem, subscribed.Kind);
        var sub = Assert.Single(_h.Subscriptions.List());
        Assert.Equal("0 8 * * 1-5", sub.Schedule.Cron);
        Assert.Equal("Europe/Berlin", sub.Schedule.TimeZone);
        Assert.Equal(["agents", "rl"], sub.Filters.Keywords);
        Assert.Equal(5, sub.Filters.MaxItems);
        Assert.Equal("discord", sub.Origin);
        Assert.Contains(sub.Id, subscribed.Heading, StringComparison.Ordinal);
        // No bot sender is registered on this branch: the reply says digests cannot be posted yet.
        Assert.Contains("cannot post to this kind of channel yet", Text(subscribed), StringComparison.Ordinal);

        var status = Text(await Commands.HandleAsync(Channel(admin: false), "status"));
        Assert.Contains(sub.Id, status, StringComparison.Ordinal);
        Assert.Contains("Next digest: Thu Nov 26, 08:00 Europe/Berlin", status, StringComparison.Ordinal);

        _h.AddPapers(TestPaper.About("rl"), TestPaper.About("agents"), TestPaper.About("compilers"));
        var preview = await Commands.HandleAsync(Channel(admin: false), "preview");
        Assert.Equal(ReplyKind.SearchResults, preview.Kind);
        Assert.Equal(2, preview.Sources.Count);
        Assert.DoesNotContain("compilers", Text(preview), StringComparison.Ordinal);
        Assert.Empty(_h.Outbox.Recent(sub.Id, 5)); // a preview sends and stores nothing

        var again = await Commands.HandleAsync(Channel(), "subscribe");
        Assert.Equal(ReplyKind.Problem, again.Kind);
        Assert.Contains("already gets the digest", Text(again), StringComparison.Ordinal);

        var stopped = await Commands.HandleAsync(Channel(), "unsubscribe");
        Assert.NotEqual(ReplyKind.Problem, stopped.Kind);
        Assert.False(_h.Subscriptions.Get(sub.Id)!.Active);
    }

    [Fact]
    public async Task Hints_name_the_command_as_each_channel_types_it()
    {
        var discord = Text(await Commands.HandleAsync(Channel(admin: false), "status"));
        Assert.Contains("/digest subscribe", discord, StringComparison.Ordinal);

        var teams = Text(await Commands.HandleAsync(new DigestCommandContext(new DigestTarget(TeamsConversationTarget.KindName, "19:abc@thread.v2"), "user-1", IsAdmin: false, TeamsDigestCommandSyntax.Instance), "status"));
        Assert.Contains("digest subscribe", teams, StringComparison.Ordinal);
        Assert.DoesNotContain("/digest", teams, StringComparison.Ordinal);

        var subscribed = Text(await Commands.HandleAsync(Channel(), "subscribe"));
        Assert.Matches(@"/digest unsubscribe id:\S+", subscribed);
    }

    [Fact]
    public async Task Only_admins_subscribe_or_unsubscribe()
    {
        var refused = await Commands.HandleAsync(Channel(admin: false), "subscribe");
        Assert.Equal(ReplyKind.Problem, refused.Kind);
        Assert.Empty(_h.Subscriptions.List());

        await Commands.HandleAsync(Channel(), "subscribe");
        Assert.Equal(ReplyKind.Problem, (await Commands.HandleAsync(Channel(admin: false), "unsubscribe")).Kind);
        Assert.True(Assert.Single(_h.Subscriptions.List()).Active);
    }

    [Fact]
    public async Task A_channel_cannot_unsubscribe_another_channels_subscription()
    {
        await Commands.HandleAsync(Channel(id: "1"), "subscribe");
        var other = Assert.Single(_h.Subscriptions.List());

        var reply = await Commands.HandleAsync(Channel(id: "2"), "unsubscribe " + other.Id);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.True(_h.Subscriptions.Get(other.Id)!.Active);
    }

    [Theory]
    [InlineData("subscribe tz=Mars/Olympus", "not a known IANA time zone")]
    [InlineData("subscribe cron=\"every day\"", "not a five-field cron")]
    [InlineData("subscribe max-items=500", "max items must be between")]
    [InlineData("subscribe colour=blue", "I don't understand")]
    [InlineData("frobnicate", "Unknown digest command")]
    public async Task Bad_input_gets_a_clear_problem_and_stores_nothing(string text, string reason)
    {
        var reply = await Commands.HandleAsync(Channel(), text);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains(reason, Text(reply), StringComparison.Ordinal);
        Assert.Empty(_h.Subscriptions.List());
    }

    [Fact]
    public void Configured_subscriptions_are_upserted_by_name_keeping_their_id_and_progress()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Digest:Subscriptions:0:Name"] = "team-channel",
            ["Digest:Subscriptions:0:DiscordWebhook"] = "http://127.0.0.1:9/api/webhooks/1/abc",
            ["Digest:Subscriptions:0:Keywords:0"] = "llm",
        };
        using (var first = _h.Restart(settings))
        {
            first.Provider.GetRequiredService<DigestConfiguredSubscriptions>().Apply();
        }
        var created = Assert.Single(_h.Subscriptions.List());
        Assert.Equal("team-channel", created.ConfigName);
        Assert.Equal("0 9 * * *", created.Schedule.Cron);

        settings["Digest:Subscriptions:0:Cron"] = "0 7 * * *";
        using (var second = _h.Restart(settings))
        {
            second.Provider.GetRequiredService<DigestConfiguredSubscriptions>().Apply();
        }
        var updated = Assert.Single(_h.Subscriptions.List());
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal("0 7 * * *", updated.Schedule.Cron);
        Assert.Equal(created.CoveredUntil, updated.CoveredUntil);
    }

    [Fact]
    public void A_configured_webhook_outside_the_allow_list_stops_start_up_with_a_clear_error()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Digest:Subscriptions:0:Name"] = "bad",
            ["Digest:Subscriptions:0:DiscordWebhook"] = "https://example.com/api/webhooks/1/abc",
        };
        using var h = _h.Restart(settings);

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => h.Provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DigestOptions>>().Value);
        Assert.Contains("is not allowed for webhooks", error.Message, StringComparison.Ordinal);
    }
}
