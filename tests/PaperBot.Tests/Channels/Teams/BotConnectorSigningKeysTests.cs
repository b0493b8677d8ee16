using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Auth;

namespace PaperBot.Tests.Teams;

public sealed class BotConnectorSigningKeysTests
{
    [Fact]
    public async Task Keys_are_refetched_daily_and_for_a_new_key_id_at_most_every_five_minutes()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        connector.PublishedKeys.Add(new TestSigningKey("old", "msteams"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:OpenIdMetadataUrl"] = connector.OpenIdMetadataUrl,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time).AddPaperBotTeams(configuration).BuildServiceProvider();
        var keys = services.GetRequiredService<BotConnectorSigningKeys>();

        var first = await keys.GetAsync(CancellationToken.None);
        Assert.Equal(["old"], first.Keys.Keys);
        Assert.Equal(["msteams"], first.Endorsements["old"]);

        connector.PublishedKeys.Add(new TestSigningKey("rotated", "msteams"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await keys.GetForUnknownKeyAsync("rotated", CancellationToken.None)).Keys.ContainsKey("rotated")); // throttled
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await keys.GetForUnknownKeyAsync("rotated", CancellationToken.None)).Keys.ContainsKey("rotated"));
        Assert.Equal(2, connector.KeySetFetches);

        await keys.GetAsync(CancellationToken.None);
        Assert.Equal(2, connector.KeySetFetches); // cached
        time.Advance(TimeSpan.FromHours(25));
        await keys.GetAsync(CancellationToken.None);
        Assert.Equal(3, connector.KeySetFetches);
    }
}
