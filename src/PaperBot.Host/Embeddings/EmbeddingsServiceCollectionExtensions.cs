using Microsoft.Extensions.AI;
using PaperBot.Core.Embeddings;

namespace PaperBot.Host.Embeddings;

/// <summary>Dense retrieval: the packaged local model by default, or the deployer's embedding service with its HttpClient and resilience.</summary>
public static class EmbeddingsServiceCollectionExtensions
{
    public static IServiceCollection AddPaperBotEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EmbeddingOptions.SectionName).Get<EmbeddingOptions>() ?? new EmbeddingOptions();
        if (!options.Enabled)
        {
            return services;
        }
        if (options.Provider == EmbeddingProvider.Local)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, LocalEmbeddingGenerator>();
            return services;
        }
        services.AddHttpClient(OpenAiEmbeddingGenerator.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(resilience =>
            {
                // The standard pipeline retries transient failures and 429s, honouring Retry-After.
                resilience.Retry.Delay = TimeSpan.FromSeconds(options.RetryDelaySeconds);
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds * 3);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, options.TimeoutSeconds * 2));
            });
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, OpenAiEmbeddingGenerator>();
        return services;
    }
}
