using PaperBot.Core.Llm;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Digest;
using PaperBot.Host.Embeddings;
using PaperBot.Host.Reliability;

namespace PaperBot.Host;

/// <summary>
/// Features registered for both the CLI and the server, one <c>AddPaperBotX</c> call each, so Program.cs stays a
/// table of contents. The order does not matter: no feature looks at what another registered, and each choice
/// (which answerer, which digest senders) comes from the options.
/// </summary>
public static class PaperBotFeatures
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPaperBotLlm(configuration);
        services.AddPaperBotDiscord(configuration);
        services.AddPaperBotTeams(configuration);
        services.AddPaperBotDigest(configuration);
        services.AddPaperBotEmbeddings(configuration);
        services.AddPaperBotSecretRedaction(configuration);
    }
}
