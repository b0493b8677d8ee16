using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using ChatTokenUsage = OpenAI.Chat.ChatTokenUsage;
using PaperBot.Core.Answering;

namespace PaperBot.Core.Llm;

/// <summary>
/// Runs a prompt function on the kernel, whole or streamed, and reports tokens and latency. Failures propagate;
/// callers decide what the user sees instead.
/// </summary>
public sealed class PromptRunner(Kernel kernel, PromptLibrary prompts, IOptions<LlmOptions> options, TimeProvider time, ILogger<PromptRunner> logger)
{
    private string Model => options.Value.Model ?? options.Value.Deployment ?? options.Value.Provider;

    public async Task<ModelCompletion> CompleteAsync(string prompt, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var result = await prompts[prompt].InvokeAsync(kernel, arguments, cancellationToken);
        var message = result.GetValue<ChatMessageContent>();
        var text = message?.Content ?? result.GetValue<string>() ?? "";
        var usage = Usage(message?.Metadata ?? result.Metadata, time.GetElapsedTime(started));
        Log(prompt, usage);
        return new ModelCompletion(text, usage);
    }

    /// <summary>Yields the reply as it arrives; <paramref name="usage"/> is filled in once the stream ends.</summary>
    public async IAsyncEnumerable<string> StreamAsync(string prompt, KernelArguments arguments, StrongBox<AnswerUsage> usage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        IReadOnlyDictionary<string, object?>? lastMetadata = null;
        await foreach (var chunk in prompts[prompt].InvokeStreamingAsync<StreamingChatMessageContent>(kernel, arguments, cancellationToken))
        {
            if (chunk.Metadata is { } metadata && metadata.ContainsKey("Usage") && metadata["Usage"] is not null)
            {
                lastMetadata = metadata;
            }
            if (!string.IsNullOrEmpty(chunk.Content))
            {
                yield return chunk.Content;
            }
        }
        usage.Value = Usage(lastMetadata, time.GetElapsedTime(started));
        Log(prompt, usage.Value);
    }

    private AnswerUsage Usage(IReadOnlyDictionary<string, object?>? metadata, TimeSpan elapsed)
    {
        int? input = null, output = null;
        if (metadata is not null && metadata.TryGetValue("Usage", out var value) && value is ChatTokenUsage tokens)
        {
            input = tokens.InputTokenCount;
            output = tokens.OutputTokenCount;
        }
        return new AnswerUsage(Model, 1, input, output, (long)elapsed.TotalMilliseconds);
    }

    private void Log(string prompt, AnswerUsage usage) =>
        logger.LogInformation("LLM {Prompt} on {Model}: {PromptTokens} prompt + {CompletionTokens} completion tokens in {LatencyMs} ms",
            prompt, usage.Model, usage.PromptTokens, usage.CompletionTokens, usage.LatencyMs);
}
