using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("PaperBot.Tests.Support.LongestFirstCollectionOrderer", "PaperBot.Tests")]

namespace PaperBot.Tests.Support;

/// <summary>
/// Starts the longest test collections first, the rest in xunit's own order. The PostgreSQL collection is a chain of
/// classes that run one after another for minutes, mostly waiting (processes starting, leases running out); started
/// late, it ran alone at the end of the run (the last 90 s of one measured run). The held-out evaluations need the embedded corpus template, so
/// starting one of them first also builds that template while the short tests run beside it.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    private static readonly string[] First =
    [
        Storage.PostgresCollection.Name,
        ClassCollection(typeof(Retrieval.UnderstandingHeldOutTests)),
        ClassCollection(typeof(Deploy.PublishLayoutTests)),
    ];

    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        _default.OrderTestCollections(testCollections).OrderBy(c => Array.IndexOf(First, c.DisplayName) is var i and >= 0 ? i : First.Length);

    /// <summary>The name xunit gives the collection of a class that declares none.</summary>
    private static string ClassCollection(Type testClass) => "Test collection for " + testClass.FullName;
}
