using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Storage, ingest, retrieval and extractive answering, with options validated at start-up.</summary>
    public static IServiceCollection AddPaperBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnsweringOptions>().Bind(configuration.GetSection(AnsweringOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPaperBotSharedStorage(configuration);
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<PaperStore>();
        services.AddOptions<Embeddings.EmbeddingOptions>().Bind(configuration.GetSection(Embeddings.EmbeddingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Embeddings.PaperEmbeddingIndex>();
        services.AddSingleton<IDenseRanker>(sp => sp.GetRequiredService<Embeddings.PaperEmbeddingIndex>());
        services.AddSingleton<CorpusVectors>();
        services.AddSingleton<PaperSearcher>();
        services.AddSingleton<MetadataSearcher>();
        services.AddSingleton<QuestionClassifier>();
        services.AddSingleton<AbstentionRule>();
        services.AddSingleton<QuestionEmbedder>();
        services.AddSingleton<EvidenceFinder>();
        services.AddSingleton<MetadataAnswerer>();
        services.AddSingleton<ContentAnswerer>();
        services.AddSingleton<ExtractiveAnswerer>();
        services.AddSingleton<PaperFocusedAnswerer>();
        services.TryAddSingleton<IAnswerService, ExtractiveAnswerService>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<CorpusBootstrapper>();
        services.AddSingleton<PaperBotAssistant>();
        return services;
    }
}
