using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;

namespace PaperBot.Tests.Support;

/// <summary>
/// The whole corpus in one database, asked questions as people type them: the rule-based reading, the answer, and
/// the expected papers read with plain SQL (never copied from an answer). Shared by the metadata reader's test classes.
/// </summary>
public sealed class QuestionCorpusFixture : IDisposable
{
    private readonly CorpusFixture _corpus = new();

    public TempDatabase Database => _corpus.Database;

    public QuestionIntent Read(string question) => new QuestionClassifier(Database.Store, Database.Searcher).Classify(question);

    public Task<ExtractiveResponse> Respond(string question) => Database.Answerer.RespondAsync(question);

    /// <summary>The rules' reading and the metadata answer with the clock at <paramref name="now"/> (relative dates: "this
    /// month", "last year"); null when the question is no metadata question.</summary>
    public ExtractiveResponse? RespondAt(DateTimeOffset now, string question)
    {
        var classifier = new QuestionClassifier(Database.Store, Database.Searcher, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        return Database.Services.GetRequiredService<MetadataAnswerer>().Answer(question, classifier.Classify(question));
    }

    public IReadOnlyList<string> Ids(string sql)
    {
        using var connection = Database.Factory.Open();
        return SqlIds.Read(connection, sql);
    }

    /// <summary>The answer comes from the metadata and lists exactly the papers the SQL finds (at least one).</summary>
    public async Task<ExtractiveResponse> AssertExactly(string question, string sql)
    {
        var response = await Respond(question);
        var expected = Ids(sql);
        Assert.NotEmpty(expected);
        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.Equal(expected.Order(StringComparer.Ordinal), (response.Retrieval.MatchingIds ?? []).Order(StringComparer.Ordinal));
        return response;
    }

    public void Dispose() => _corpus.Dispose();
}
