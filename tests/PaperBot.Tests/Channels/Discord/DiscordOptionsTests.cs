using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Server;

namespace PaperBot.Tests.Discord;

public sealed class DiscordOptionsTests
{
    private static DiscordOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddPaperBotDiscord(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<DiscordOptions>>().Value;
    }

    [Theory]
    [InlineData("abc", null, null, "PublicKey must be")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000", null, null, "PublicKey must be")]
    [InlineData(null, null, null, "PublicKey must be")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "true", null, "needs Discord:BotToken")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "true", "http://example.org/gw", "ws:// or wss://")]
    public void Bad_settings_are_refused_with_a_message_naming_the_key(string? publicKey, string? gateway, string? gatewayUrl, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Discord:ApplicationId"] = "800000000000000001",
            ["Discord:PublicKey"] = publicKey,
            ["Discord:Gateway:Enabled"] = gateway,
            ["Discord:Gateway:Url"] = gatewayUrl,
        }));
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_application_id_discord_is_off_and_nothing_else_is_required()
    {
        var options = Bind([]);
        Assert.False(options.Enabled);
        Assert.Equal("https://discord.com/api/v10", options.ApiBaseUrl.ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task The_server_refuses_to_start_with_a_malformed_public_key()
    {
        var app = ServeCommand.BuildApp([], Path.Combine(Path.GetTempPath(), "never-" + Guid.NewGuid().ToString("N") + ".db"), "http://127.0.0.1:0",
            c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:ApplicationId"] = "1", ["Discord:PublicKey"] = "not-a-key" }));
        await using (app)
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("64 hex characters", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_discord_settings_the_interactions_endpoint_says_so_and_the_server_still_serves()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        await using var server = await PaperBotTestServer.StartAsync(discord, new Dictionary<string, string?> { ["Discord:ApplicationId"] = null, ["Discord:PublicKey"] = null });
        using var response = await server.PostInteractionAsync("""{"type":1}""");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not configured", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("ok", await server.Http.GetStringAsync("/healthz"));
    }
}
