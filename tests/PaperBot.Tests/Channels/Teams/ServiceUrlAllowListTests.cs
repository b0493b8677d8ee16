using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Connector;

namespace PaperBot.Tests.Teams;

public sealed class ServiceUrlAllowListTests
{
    private static ServiceUrlAllowList AllowList(string? appId, params string[] allowed) =>
        new(Options.Create(new TeamsOptions { AppId = appId, AllowedServiceUrls = [.. allowed] }));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://smba.trafficmanager.net/teams/", true)]
    [InlineData("https://europe.webchat.botframework.com/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/gcc", true)]
    [InlineData("https://botframework.com.evil.example/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("http://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://smba.trafficmanager.net:8443/amer/", false)]
    [InlineData("http://127.0.0.1:5000/", false)]
    [InlineData("not a url", false)]
    public void With_an_app_id_only_the_default_connector_hosts_get_the_token(string serviceUrl, bool allowed)
    {
        var decision = AllowList("app").Check(serviceUrl);
        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed, decision.AttachToken);
    }

    [Fact]
    public void A_configured_list_replaces_the_defaults()
    {
        var list = AllowList("app", "http://127.0.0.1:5000/");
        Assert.True(list.Check("http://127.0.0.1:5000/amer/").AttachToken);
        Assert.False(list.Check("http://127.0.0.1:5001/").Allowed);
        Assert.False(list.Check("https://smba.trafficmanager.net/amer/").Allowed);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("http://localhost:56150/", true)]
    [InlineData("http://[::1]:56150/", true)]
    [InlineData("https://smba.trafficmanager.net/amer/", false)]
    public void Without_an_app_id_only_loopback_is_used_and_never_with_a_token(string serviceUrl, bool allowed)
    {
        var decision = AllowList(null).Check(serviceUrl);
        Assert.Equal(allowed, decision.Allowed);
        Assert.False(decision.AttachToken);
    }
}
