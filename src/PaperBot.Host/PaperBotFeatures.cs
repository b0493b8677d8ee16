using PaperBot.Core.Llm;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Discord;

namespace PaperBot.Host;

/// <summary>
/// Features registered for both the CLI and the server. Each feature adds itself here with one Add… call
/// (LLM answering, channels, digest), so Program.cs stays a table of contents.
/// </summary>
public static class PaperBotFeatures
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddLlmAnswering(configuration);
        services.AddTeamsChannel(configuration);
        Digest.DigestFeature.AddPaperBotDigest(services, configuration);
        services.AddDiscordChannel(configuration);
        Embeddings.EmbeddingsFeature.AddPaperBotEmbeddings(services, configuration);
        Digest.DigestChannelsFeature.AddDigestChannels(services, configuration);
        Reliability.SecretRedactionFeature.AddSecretRedaction(services, configuration);
    }
}
