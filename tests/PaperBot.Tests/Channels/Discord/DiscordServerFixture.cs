namespace PaperBot.Tests.Discord;

/// <summary>One fake Discord and one PaperBot server shared by a test class (starting one ingests the corpus).</summary>
public sealed class DiscordServerFixture : IAsyncLifetime
{
    public FakeDiscordServer Discord { get; private set; } = null!;
    public PaperBotTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Discord = await FakeDiscordServer.StartAsync();
        Server = await PaperBotTestServer.StartAsync(Discord, new Dictionary<string, string?> { ["Discord:UserQuestionLimit"] = "3" });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Discord.DisposeAsync();
    }
}
