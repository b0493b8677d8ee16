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
    /// Conversations, and answers (and digest summaries) through Semantic Kernel when <c>Llm:Provider</c> names a
    /// provider. With <c>none</c> (the default) nothing that could make an HTTP call is even registered. Order-free:
    /// the model's services replace the extractive defaults, which Core and the digest add only when none is there.
    /// </summary>
    public static IServiceCollection AddPaperBotLlm(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmOptions.SectionName);
        services.AddOptions<LlmOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddConversations(configuration);

        // Decided from the options as bound (validated at start-up); a blank provider is none, as before.
        var provider = (section.Get<LlmOptions>()?.Provider ?? "").Trim();
        if (provider.Length == 0 || provider.Equals(LlmProviders.None, StringComparison.OrdinalIgnoreCase))
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
        services.Replace(ServiceDescriptor.Singleton<IAnswerService, LlmAnswerService>());
        services.Replace(ServiceDescriptor.Singleton<Digest.IPaperSummarizer, LlmDigestPaperSummarizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Digest.IDigestOverviewWriter, LlmDigestOverviewWriter>());
        return services;
    }
}
