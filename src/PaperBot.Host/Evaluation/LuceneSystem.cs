using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Evaluation;

/// <summary>
/// The peer: Lucene.Net BM25 with its English analyzer over the same papers and the same field weights as
/// PaperBot's keyword index (title 4, abstract 1, authors 2, organisations 2). It never abstains; its answer is the
/// lead baseline of summarisation: the first sentence of each of its top three abstracts, cited, so the answer-quality
/// figures have something to stand beside.
/// </summary>
public sealed partial class LuceneSystem : IEvaluatedSystem, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int Depth = 10;
    private const int AnswerPapers = 3;
    private static readonly Dictionary<string, float> FieldBoosts = new(StringComparer.Ordinal)
    {
        ["title"] = 4f,
        ["abstract"] = 1f,
        ["authors"] = 2f,
        ["orgs"] = 2f,
    };

    private readonly RAMDirectory _directory;
    private readonly EnglishAnalyzer _analyzer;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private LuceneSystem(RAMDirectory directory, EnglishAnalyzer analyzer)
    {
        _directory = directory;
        _analyzer = analyzer;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public string Name => "lucene";

    public bool Answers => true;

    public static LuceneSystem Build(PaperStore store)
    {
        var directory = new RAMDirectory();
        var analyzer = new EnglishAnalyzer(Version);
        var config = new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var paper in store.SearchableText())
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", paper.Id, Field.Store.YES),
                    new StoredField("shown_title", paper.Title),
                    new StoredField("lead", Lead(paper.Abstract)),
                    new TextField("title", paper.Title, Field.Store.NO),
                    new TextField("abstract", paper.Abstract, Field.Store.NO),
                    new TextField("authors", paper.Authors, Field.Store.NO),
                    new TextField("orgs", paper.Orgs, Field.Store.NO),
                });
            }
            writer.Commit();
        }
        return new LuceneSystem(directory, analyzer);
    }

    public Task<SystemResponse> RespondAsync(string question, CancellationToken cancellationToken = default) => Task.FromResult(Respond(question));

    private SystemResponse Respond(string question)
    {
        var parser = new MultiFieldQueryParser(Version, [.. FieldBoosts.Keys], _analyzer, FieldBoosts) { DefaultOperator = Operator.OR };
        Query query;
        try
        {
            query = parser.Parse(QueryParserBase.Escape(question));
        }
        catch (ParseException)
        {
            return new SystemResponse([], false, "", []);
        }
        var top = _searcher.Search(query, Depth);
        var docs = top.ScoreDocs.Select(d => _searcher.Doc(d.Doc)).ToList();
        var ids = docs.Select(d => d.Get("id")).ToList();
        var answered = docs.Take(AnswerPapers).Where(d => !string.IsNullOrWhiteSpace(d.Get("lead"))).ToList();
        var sentences = answered.Select((d, i) => ($"{d.Get("lead")} [{i + 1}]", (IReadOnlyList<string>)[d.Get("id")])).ToList();
        return new SystemResponse(ids, false, string.Join(" ", sentences.Select(s => s.Item1)), answered.Select(d => d.Get("id")).ToList())
        {
            Sentences = sentences,
            Sources = answered.Select((d, i) => $"[{i + 1}] {d.Get("id")} — {d.Get("shown_title")}").ToList(),
        };
    }

    /// <summary>The abstract's first sentence: up to the first full stop, question or exclamation mark followed by a capital.</summary>
    private static string Lead(string abstractText)
    {
        var text = abstractText.Trim();
        var end = SentenceEnd().Match(text);
        return end.Success ? text[..(end.Index + 1)] : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[.!?](?=\s+[A-Z(])")]
    private static partial System.Text.RegularExpressions.Regex SentenceEnd();

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
