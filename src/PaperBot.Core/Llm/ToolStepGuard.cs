using Microsoft.SemanticKernel;

namespace PaperBot.Core.Llm;

/// <summary>
/// Watches Semantic Kernel's automatic function calling for one answer: it stops the loop once the model asks for
/// tools in more rounds than <c>Llm:MaxToolSteps</c> allows, and when a function fails (often: it cannot be called
/// with the arguments the model gave). Either way the answer falls back (<see cref="Failure"/> says why).
/// </summary>
public sealed class ToolStepGuard(int maxSteps) : IAutoFunctionInvocationFilter
{
    /// <summary>Why the tool loop was stopped; null while it runs as it should.</summary>
    public string? Failure { get; private set; }

    /// <summary>Functions that ran.</summary>
    public int Calls { get; private set; }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        // RequestSequenceIndex counts the model's replies that asked for functions, from 0.
        if (context.RequestSequenceIndex >= maxSteps)
        {
            Failure ??= $"the model asked for functions in more than {maxSteps} rounds";
            context.Terminate = true;
            return;
        }
        try
        {
            await next(context);
            Calls++;
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            // Semantic Kernel would tell the model and loop again; an answer built on a failed call is not trusted.
            // Missing or mistyped arguments surface here, as do failures inside the function.
            Failure ??= $"the function {context.Function.Name} failed with the model's arguments ({e.GetType().Name})";
            context.Terminate = true;
        }
    }
}
