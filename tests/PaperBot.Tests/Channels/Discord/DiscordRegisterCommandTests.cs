using System.Text.Json;
using PaperBot.Host.Cli;

namespace PaperBot.Tests.Discord;

/// <summary><c>paperbot discord register</c> run in-process; its configuration comes from environment variables,
/// as a person would set the secrets, so this class runs alone.</summary>
[Collection(nameof(EnvironmentVariableCollection))]
public sealed class DiscordRegisterCommandTests : IAsyncLifetime
{
    private FakeDiscordServer discord = null!;
    private readonly string database = Path.Combine(Path.GetTempPath(), "paperbot-register-" + Guid.NewGuid().ToString("N") + ".db");

    public async Task InitializeAsync() => discord = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await discord.DisposeAsync();

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var variables = new Dictionary<string, string>
        {
            ["Discord__ApplicationId"] = FakeDiscordServer.ApplicationId,
            ["Discord__PublicKey"] = new string('b', 64),
            ["Discord__BotToken"] = FakeDiscordServer.BotToken,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl,
        };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        try
        {
            foreach (var (k, v) in variables)
            {
                Environment.SetEnvironmentVariable(k, v);
            }
            Console.SetOut(stdout);
            Console.SetError(stderr);
            var exit = await PaperBotCommandLine.Build().Parse([.. args, "--db", database]).InvokeAsync();
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            foreach (var k in variables.Keys)
            {
                Environment.SetEnvironmentVariable(k, null);
            }
        }
    }

    [Fact]
    public async Task Register_in_a_guild_puts_the_assistant_and_digest_commands_with_their_options()
    {
        var (exit, output, error) = await RunAsync("discord", "register", "--guild", "123456789012345678");
        Assert.True(exit == 0, error);
        Assert.Contains("/ask", output, StringComparison.Ordinal);
        var put = discord.RequestsTo($"applications/{FakeDiscordServer.ApplicationId}/guilds/123456789012345678/commands", "PUT").Single();
        Assert.Equal(200, put.Status);
        Assert.Equal("Bot " + FakeDiscordServer.BotToken, put.Authorization);
        var commands = put.Json.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["ask", "digest", "help", "paper", "search", "similar"], commands.Keys.Order());
        var question = commands["ask"].GetProperty("options").EnumerateArray().Single();
        Assert.Equal(3, question.GetProperty("type").GetInt32());
        Assert.True(question.GetProperty("required").GetBoolean());
        Assert.All(commands.Values, c => Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, 100));
        Assert.False(commands["help"].TryGetProperty("options", out _));
        var digest = commands["digest"].GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["preview", "status", "subscribe", "unsubscribe"], digest.Keys.Order());
        Assert.All(digest.Values, o => Assert.Equal(1, o.GetProperty("type").GetInt32())); // subcommands
        var subscribe = digest["subscribe"].GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["cron", "keywords", "max_items", "min_upvotes", "tz"], subscribe.Keys.Order());
        Assert.Equal(4, subscribe["max_items"].GetProperty("type").GetInt32());
        Assert.Equal(50, subscribe["max_items"].GetProperty("max_value").GetInt32());
    }

    [Fact]
    public async Task Register_without_a_guild_is_global_and_a_bad_guild_id_is_refused_before_any_request()
    {
        var (exit, _, error) = await RunAsync("discord", "register");
        Assert.True(exit == 0, error);
        Assert.Single(discord.RequestsTo($"applications/{FakeDiscordServer.ApplicationId}/commands", "PUT"));

        var (badExit, _, badError) = await RunAsync("discord", "register", "--guild", "my-server");
        Assert.Equal(2, badExit);
        Assert.Contains("numeric id", badError, StringComparison.Ordinal);
        Assert.Single(discord.Requests);
    }
}
