using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Embeddings;

namespace PaperBot.Host.Cli;

/// <summary>
/// For verbs that answer: papers without vectors are embedded before the first question, with progress on stderr
/// (stdout stays the answer). On a fresh clone that is the whole corpus, once; later runs find nothing to do. The
/// model is loaded alongside the other start-up work. A failing model is reported in one line and the verb answers
/// with the other rankings.
/// </summary>
public static class CliEmbedding
{
    /// <summary>Starts loading the model in the background; awaiting the task is optional.</summary>
    public static Task WarmUpAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var index = services.GetRequiredService<PaperEmbeddingIndex>();
        return index.Enabled ? Task.Run(() => index.WarmUpAsync(cancellationToken), cancellationToken) : Task.CompletedTask;
    }

    public static async Task EnsureEmbeddedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var index = services.GetRequiredService<PaperEmbeddingIndex>();
        if (!index.Available || index.CountMissing() == 0)
        {
            return;
        }
        var interactive = !Console.IsErrorRedirected;
        var lastPercent = -1;
        var started = System.Diagnostics.Stopwatch.StartNew();
        EmbeddingProgress? last = null;
        var progress = new SynchronousProgress<EmbeddingProgress>(p =>
        {
            last = p;
            var percent = p.Total == 0 ? 100 : p.Done * 100 / p.Total;
            if (interactive)
            {
                Console.Error.Write($"\rEmbedding papers for semantic search ({p.Model}, first run only): {p.Done}/{p.Total} ({percent}%)   ");
            }
            else if (percent / 10 != lastPercent / 10)
            {
                Console.Error.WriteLine($"Embedding papers for semantic search ({p.Model}, first run only): {p.Done}/{p.Total} ({percent}%)");
            }
            lastPercent = percent;
        });
        try
        {
            await index.EmbedMissingAsync(progress, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            index.ReportFailure(e);
        }
        if (interactive)
        {
            Console.Error.WriteLine();
        }
        // With replicas sharing PostgreSQL most vectors may have been copied: say so, or "embedded" would overstate the work.
        Console.Error.WriteLine(last is { Copied: > 0 }
            ? $"Done in {started.Elapsed.TotalSeconds:0.0} s: the vectors of {last.Copied} papers copied from other replicas, {last.Done - last.Copied} embedded here."
            : $"Embedded in {started.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>Reports on the reporting thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
