using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using OpenAI;

namespace PaperBot.Core.Llm;

/// <summary>
/// Builds the one <see cref="Kernel"/>: the configured provider's chat completion over the resilient HttpClient from
/// IHttpClientFactory, and the prompt functions. The SDK's own retries are switched off so Polly is the only layer.
/// </summary>
public static class LlmKernelFactory
{
    public static Kernel Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(LlmHttpResilience.HttpClientName);
        var builder = Kernel.CreateBuilder();
        if (services.GetService<ILoggerFactory>() is { } loggers)
        {
            builder.Services.AddSingleton(loggers);
        }
        var provider = options.Provider.Trim().ToLowerInvariant();
        // An Ollama-style server needs no key, but the SDK insists on one; this placeholder is all it ever sees.
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey);
        switch (provider)
        {
            case LlmProviders.AzureOpenAI:
                var azureOptions = new AzureOpenAIClientOptions();
                Configure(azureOptions, http);
                var azure = new AzureOpenAIClient(new Uri(options.Endpoint!), key, azureOptions);
                builder.AddAzureOpenAIChatCompletion(options.Deployment!, azure, modelId: options.Model);
                break;
            case LlmProviders.OpenAI or LlmProviders.OpenAICompatible:
                var openAIOptions = new OpenAIClientOptions();
                if (!string.IsNullOrWhiteSpace(options.Endpoint))
                {
                    openAIOptions.Endpoint = new Uri(options.Endpoint);
                }
                Configure(openAIOptions, http);
                builder.AddOpenAIChatCompletion(options.Model!, new OpenAIClient(key, openAIOptions));
                break;
            default:
                throw new InvalidOperationException($"No language model is configured (Llm:Provider is \"{options.Provider}\").");
        }
        builder.Plugins.Add(services.GetRequiredService<PromptLibrary>().Plugin);
        return builder.Build();
    }

    private static void Configure(ClientPipelineOptions pipeline, HttpClient http)
    {
        pipeline.Transport = new HttpClientPipelineTransport(http);
        pipeline.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        // The resilience layer owns the timeout (Llm:TimeoutSeconds); the SDK's 100 s default would only get in the way.
        pipeline.NetworkTimeout = Timeout.InfiniteTimeSpan;
    }
}
