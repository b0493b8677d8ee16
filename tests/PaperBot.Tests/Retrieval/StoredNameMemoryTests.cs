using PaperBot.Core.Answering;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// The question reader remembers which words the author and organisation columns hold, so a question's runs of words
/// cost no query each. What it remembers belongs to one state of the corpus: a name that an ingest adds is found by
/// the next question, through every path that consults the memory (an organisation a word begins, a person's name
/// with a slip).
/// </summary>
public sealed class StoredNameMemoryTests
{
    private static string Abstract(string opening) =>
        opening + " We study this problem carefully across many settings and report results on several public benchmarks." +
        " Experiments show consistent gains over strong baselines, and we release our data and analysis to the community for further study.";

    [Fact]
    public void Names_an_ingest_adds_are_read_in_the_next_question_after_being_absent_in_the_one_before()
    {
        using var db = new TempDatabase();
        db.Ingest.Ingest([db.WriteFile("a/first.txt",
            $"Sparse Routing for Tiny ExpertsAnn Lee, Bo Chen et al. · zephyr-labs\n{Abstract("We route tokens to tiny experts.")}\n")]);
        var classifier = new QuestionClassifier(db.Store, db.Searcher);

        Assert.IsNotType<QuestionIntent.ByOrg>(classifier.Classify("any papers from quillfeather?"));
        Assert.IsNotType<QuestionIntent.ByAuthor>(classifier.Classify("papers written by Orlaith Brenock"));
        // Asked twice, so the second reading comes from what the first one remembered.
        Assert.IsNotType<QuestionIntent.ByOrg>(classifier.Classify("any papers from quillfeather?"));

        db.Ingest.Ingest([db.WriteFile("a/second.txt",
            $"Quiet Gradients in Long RunsOrlaith Brennock, Cian Moloney et al. · quillfeather-research\n{Abstract("We watch gradients grow quiet.")}\n")]);

        Assert.Equal("quillfeather-research", Assert.IsType<QuestionIntent.ByOrg>(classifier.Classify("any papers from quillfeather?")).Name);
        Assert.Equal("Orlaith Brennock", Assert.IsType<QuestionIntent.ByAuthor>(classifier.Classify("papers written by Orlaith Brenock")).Name);
    }
}
