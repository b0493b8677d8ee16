using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Auth;

namespace PaperBot.Tests.Teams;

public sealed class ConnectorTokenProviderTests
{
    [Fact]
    public async Task The_token_is_cached_and_refreshed_five_minutes_before_it_expires()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "app",
            ["Teams:AppPassword"] = "secret",
            ["Teams:TokenEndpoint"] = connector.TokenEndpoint,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time).AddPaperBotTeams(configuration).BuildServiceProvider();
        var tokens = services.GetRequiredService<ConnectorTokenProvider>();

        Assert.Equal("fake-token-1", await tokens.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(54)); // the fake's tokens live 60 minutes
        Assert.Equal("fake-token-1", await tokens.GetTokenAsync(CancellationToken.None));
        Assert.Single(connector.TokenRequests);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("fake-token-2", await tokens.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, connector.TokenRequests.Count);
    }

    [Theory]
    [InlineData(TeamsAppType.SingleTenant, "https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token")]
    [InlineData(TeamsAppType.MultiTenant, "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")]
    public void The_token_authority_follows_the_app_type(TeamsAppType type, string endpoint) =>
        Assert.Equal(endpoint, new TeamsOptions { AppType = type, TenantId = "contoso-tenant" }.EffectiveTokenEndpoint);

    [Fact]
    public void A_half_configured_bot_fails_validation_with_a_clear_message()
    {
        var result = new TeamsOptionsValidator().Validate(null, new TeamsOptions { AppId = "app", AllowedServiceUrls = ["not a url"] });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Teams:AppPassword", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Teams:TenantId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("not a url", StringComparison.Ordinal));
        Assert.True(new TeamsOptionsValidator().Validate(null, new TeamsOptions()).Succeeded); // development mode
    }
}
