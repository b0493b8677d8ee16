namespace PaperBot.Tests.Web;

/// <summary>One server with the default web settings shared by the tests that only read from it (each uses its own conversation).</summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    public WebTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await WebTestServer.StartAsync(new Dictionary<string, string?> { ["Web:QuestionLimit"] = "100" });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
