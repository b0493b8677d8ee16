using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaperBot.Host.Reliability;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Llm;

namespace PaperBot.Tests.Reliability;

/// <summary>Secrets never reach a log line, whoever writes it: one redaction point in the logger factory.</summary>
public sealed class SecretRedactionTests
{
    private const string ApiKey = "sk-live-0123456789abcdef";
    private const string BotToken = "MTA5.bot-token.secret";
    private const string AppPassword = "teams~app~password~42";

    private static (ServiceProvider Services, CapturingLoggerProvider Sink) LoggingWithSecrets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:ApiKey"] = ApiKey,
            ["Discord:BotToken"] = BotToken,
            ["Teams:AppPassword"] = AppPassword,
            ["Teams:AppId"] = "not-a-secret-app-id",
        }).Build();
        var sink = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(sink).SetMinimumLevel(LogLevel.Trace))
            .AddPaperBotSecretRedaction(configuration)
            .BuildServiceProvider();
        return (services, sink);
    }

    [Fact]
    public void Configured_secrets_are_masked_in_messages_values_and_exceptions()
    {
        var (services, sink) = LoggingWithSecrets();
        using (services)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Test");
            logger.LogWarning("Provider said {Reply}", $"Incorrect API key provided: {ApiKey}");
            logger.LogError(new InvalidOperationException($"401: bad password {AppPassword}", new HttpRequestException("token " + BotToken)), "Call failed");
            logger.LogInformation("Escaped in a URL: https://x.example/?key={Key}", Uri.EscapeDataString(AppPassword));
            logger.LogInformation("The app id {AppId} is not a secret", "not-a-secret-app-id");
        }
        var all = sink.All;
        Assert.DoesNotContain(ApiKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain(AppPassword, all, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(AppPassword), all, StringComparison.Ordinal);
        Assert.DoesNotContain(BotToken, all, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", all, StringComparison.Ordinal);
        Assert.Contains("401: bad password ***", all, StringComparison.Ordinal);
        Assert.Contains("not-a-secret-app-id", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PATCH http://127.0.0.1:5/api/v10/webhooks/800/aW50ZXJhY3Rpb24.token/messages/@original", "webhooks/800/***/messages/@original")]
    [InlineData("POST https://discord.com/api/webhooks/123456/secret-token?wait=true", "webhooks/123456/***?wait=true")]
    [InlineData("POST https://discord.com/api/v10/interactions/99/tok_en/callback", "interactions/99/***/callback")]
    [InlineData("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "Bearer ***")]
    [InlineData("Authorization: Bot MTA5ODc2NTQzMjEwOTg3NjU0.Gabcde.xyz0123456789", "Bot ***")]
    public void Tokens_in_urls_and_credentials_are_masked(string line, string expected)
    {
        var redacted = new SecretRedactor([]).Redact(line);
        Assert.Contains(expected, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_logs_the_interaction_PATCH_at_Information_without_its_token()
    {
        const string token = "aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu";
        var sink = new CapturingLoggerProvider();
        await using var discord = await FakeDiscordServer.StartAsync();
        await using var server = await PaperBotTestServer.StartAsync(discord, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:PaperBot"] = "Information",
        }, services: s => s.AddLogging(l => l.AddProvider(sink)));
        using var response = await server.PostInteractionAsync(PaperBotTestServer.Command("help", token: token, userId: "7600"));
        var path = $"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original";
        await Eventually.TrueAsync(() => discord.RequestsTo(path, "PATCH").Count > 0, "the PATCH", timeout: TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => sink.All.Contains("@original", StringComparison.Ordinal), "the PATCH logged");

        Assert.DoesNotContain(token, sink.All, StringComparison.Ordinal);
        Assert.Contains($"webhooks/{FakeDiscordServer.ApplicationId}/***/messages/@original", sink.All, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeDiscordServer.BotToken, sink.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_401_that_echoes_the_api_key_is_logged_without_it()
    {
        await using var llm = await FakeChatCompletionsServer.StartAsync();
        llm.ReplyAlways(new ScriptedReply
        {
            Status = 401,
            Body = JsonSerializer.Serialize(new { error = new { message = $"Incorrect API key provided: {ApiKey}. You can find your API key at https://example.invalid.", type = "invalid_request_error" } }),
        });
        var sink = new CapturingLoggerProvider();
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai-compatible",
            ["Llm:Endpoint"] = llm.BaseUrl,
            ["Llm:Model"] = "test-model",
            ["Llm:ApiKey"] = ApiKey,
            ["Llm:RetryBaseDelaySeconds"] = "0.02",
        }, services => services.AddLogging(l => l.AddProvider(sink).SetMinimumLevel(LogLevel.Trace)));

        await host.Conversations.AnswerAsync(LlmAnswerTests.Question, "redaction:1");

        Assert.True(llm.RequestCount > 0);
        Assert.Contains("Incorrect API key provided: ***", sink.All, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, sink.All, StringComparison.Ordinal);
    }
}
