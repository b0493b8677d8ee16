using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Host.Digest;
using PaperBot.Host.Digest.Teams;

namespace PaperBot.Tests.Digest;

/// <summary>The Teams seam: once a proactive sender is registered, Teams subscriptions get markdown digests in order.</summary>
public sealed class TeamsDeliveryTests
{
    [Fact]
    public async Task A_registered_proactive_sender_gets_the_digest_split_under_the_size_budget()
    {
        var teams = new RecordingTeamsSender();
        using var h = new DigestHarness(extra: services =>
        {
            services.AddSingleton<ITeamsProactiveSender>(teams);
            services.AddTeamsDigestDelivery<RecordingTeamsSender>();
        });
        h.Subscribe(new DigestTarget(TeamsConversationTarget.KindName, "19:abc@thread.tacv2;messageid=1"), maxItems: 40);
        h.AddPapers(Enumerable.Range(0, 40).Select(i => TestPaper.About("[markdown] *stars* and_underscores", i, $"https://example.org/p{i}")).ToArray());
        h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

        var delivery = Assert.Single(await h.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        Assert.True(teams.Sent.Count >= 2, $"{teams.Sent.Count} messages");
        Assert.All(teams.Sent, s =>
        {
            Assert.Equal("19:abc@thread.tacv2;messageid=1", s.ConversationId);
            Assert.True(s.Message.Text.Length <= TeamsDigestFormatter.MaxCharacters);
        });
        var all = string.Concat(teams.Sent.Select(s => s.Message.Text));
        Assert.StartsWith("**PaperBot digest: 40 new papers**", teams.Sent[0].Message.Text, StringComparison.Ordinal);
        Assert.Contains("\\[markdown\\] \\*stars\\* and\\_underscores", all, StringComparison.Ordinal); // paper text is not markup
        Assert.Equal(40, System.Text.RegularExpressions.Regex.Count(all, "Ask about it: paper "));
        Assert.Equal(delivery.PartsSent, teams.Sent.Count);
    }
}
