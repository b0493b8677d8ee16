using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Conversations;

namespace PaperBot.Core.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Conversations, and answers through Semantic Kernel when <c>Llm:Provider</c> names a provider. With
    /// <c>none</c> (the default) nothing that could make an HTTP call is even registered.
    /// Call after AddPaperBotCore: the LLM answer service replaces the extractive one.
    /// </summary>
    public static IServiceCollection AddLlmAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmOptions.SectionName);
        services.AddOptions<LlmOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddConversations(configuration);

        var provider = section[nameof(LlmOptions.Provider)];
        if (string.IsNullOrWhiteSpace(provider) || provider.Trim().Equals(LlmProviders.None, StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }
        services.AddHttpClient(LlmHttpResilience.HttpClientName, (sp, client) =>
            {
                // A backstop only: the resilience layer's total timeout fires first.
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<LlmOptions>>().Value.TimeoutSeconds + 5);
            })
            .AddResilienceHandler("llm", (builder, context) => LlmHttpResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        // LlmAnswerService logs each failure in one line; Polly (per attempt) and Semantic Kernel (per failed function)
        // would repeat it with stack traces on the user's terminal; the one line says when the circuit is open.
        services.AddLogging(logging => logging
            .AddFilter("Polly", LogLevel.Critical)
            .AddFilter("Microsoft.SemanticKernel", LogLevel.Critical)
            .AddFilter("System.Net.Http.HttpClient.llm", LogLevel.Warning));
        services.AddSingleton<PromptLibrary>();
        services.AddSingleton(LlmKernelFactory.Create);
        services.AddSingleton<PromptRunner>();
        services.AddSingleton<PaperSummarizer>();
        services.AddSingleton<IFollowUpRewriter, LlmFollowUpRewriter>();
        services.AddSingleton<LlmQuestionReader>();
        services.RemoveAll<IAnswerService>();
        services.AddSingleton<IAnswerService, LlmAnswerService>();
        return services;
    }
}
