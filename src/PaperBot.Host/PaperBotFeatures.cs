using PaperBot.Core.Chat;

namespace PaperBot.Host;

/// <summary>
/// Features registered for both the CLI and the server. Each feature adds itself here with one Add… call
/// (LLM answering, channels, digest), so Program.cs stays a table of contents.
/// </summary>
public static class PaperBotFeatures
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        _ = services;
        _ = configuration;
        Embeddings.EmbeddingsFeature.AddPaperBotEmbeddings(services, configuration);
    }
}
