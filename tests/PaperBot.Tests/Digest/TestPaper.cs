namespace PaperBot.Tests.Digest;

/// <summary>A paper to put into a listing file for a test.</summary>
public sealed record TestPaper(string Title, string Abstract, int? Upvotes = null, string Date = "Nov 24, 2026", string? Link = null)
{
    /// <summary>The daily-papers listing format the parser reads: title, abstract, then the "• N authors · date upvotes" footer.</summary>
    public string ToListing()
    {
        var text = "Abstract: " + Abstract + (Link is null ? "" : " Project page: " + Link + ".");
        return $"{Title}\n\n{text}\n\n  • 3 authors\n·\n{Date}{(Upvotes is { } u ? " " + u : "")}\n\n";
    }

    private static int _counter;

    /// <summary>A distinct paper with a long enough abstract; <paramref name="topic"/> lands in title and abstract.</summary>
    public static TestPaper About(string topic, int? upvotes = null, string? link = null)
    {
        var n = Interlocked.Increment(ref _counter);
        return new TestPaper(
            $"Study {n} of {topic}",
            $"Work on {topic} has been limited by the cost of collecting labelled data for case {n}, which slows progress on real tasks. " +
            $"We propose a method for {topic} that learns from unlabelled examples and a small verifier trained for setting {n}. " +
            "Experiments on three public benchmarks show consistent gains over strong baselines at a fraction of the training cost. " +
            "We release code and data for future research.",
            upvotes, "Nov 24, 2026", link);
    }
}
