using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
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

    /// <summary>
    /// Runs a prompt with the corpus functions offered through Semantic Kernel's automatic function calling
    /// (<see cref="FunctionChoiceBehavior.Auto"/>): the model may call them in up to <paramref name="maxSteps"/> rounds,
    /// then must answer. The conversation is kept, so every call the model made is checked afterwards; a call to a
    /// function that does not exist, arguments that are not JSON, a failed function or too many rounds throw
    /// <see cref="ToolUseException"/>. HTTP failures and the deadline propagate as for any prompt.
    /// </summary>
    public async Task<ModelCompletion> CompleteWithToolsAsync(string prompt, KernelArguments arguments, CorpusTools tools, int maxSteps,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var guard = new ToolStepGuard(maxSteps);
        // A copy per answer: the functions hold this answer's numbering, the guard its step count.
        var answering = kernel.Clone();
        answering.Plugins.Add(tools.Plugin);
        answering.AutoFunctionInvocationFilters.Add(guard);
        var history = await prompts.RenderChatAsync(prompt, answering, arguments, cancellationToken);
        var rendered = history.Count;
        var settings = prompts.Settings(prompt);
        settings.FunctionChoiceBehavior = FunctionChoiceBehavior.Auto([.. tools.Plugin], autoInvoke: true,
            new FunctionChoiceBehaviorOptions { AllowConcurrentInvocation = false, AllowParallelCalls = true });
        var reply = await answering.GetRequiredService<IChatCompletionService>()
            .GetChatMessageContentAsync(history, settings, answering, cancellationToken);

        var turns = history.Skip(rendered).Where(m => m.Role == AuthorRole.Assistant).Append(reply).Where(m => m.Role == AuthorRole.Assistant).ToList();
        var usage = turns.Select(m => Usage(m.Metadata, TimeSpan.Zero)).Aggregate(AnswerUsage.None(0), (a, b) => a.Plus(b)) with
        {
            Model = Model,
            LatencyMs = (long)time.GetElapsedTime(started).TotalMilliseconds,
        };
        Log(prompt, usage);
        foreach (var call in history.Skip(rendered).SelectMany(m => m.Items.OfType<FunctionCallContent>()))
        {
            if (call.Exception is not null)
            {
                throw new ToolUseException($"the model's arguments for {call.FunctionName} were not valid JSON");
            }
            if (call.PluginName != CorpusTools.PluginName || !tools.Plugin.Contains(call.FunctionName))
            {
                throw new ToolUseException($"the model called a function that does not exist ({PromptData.Neutralize(Name(call))})");
            }
        }
        if (guard.Failure is { } failure)
        {
            throw new ToolUseException(failure);
        }
        if (reply.Role != AuthorRole.Assistant)
        {
            throw new ToolUseException("the model did not answer after calling functions");
        }
        logger.LogInformation("LLM {Prompt}: {Calls} function call(s) in {Rounds} round(s), {Papers} paper(s) added",
            prompt, guard.Calls, usage.ModelCalls - 1, tools.Returned.Count);
        return new ModelCompletion(reply.Content ?? "", usage);
    }

    private static string Name(FunctionCallContent call) =>
        string.IsNullOrEmpty(call.PluginName) ? call.FunctionName : call.PluginName + "-" + call.FunctionName;

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
