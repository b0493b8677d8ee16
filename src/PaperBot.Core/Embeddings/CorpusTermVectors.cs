using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Embeddings;

/// <summary>
/// The corpus's content words (titles and abstracts), each embedded alone, for <see cref="TermNeighbours"/>. Built on
/// first need and again when the corpus changes; held in memory. One model input per distinct stem, each a word or two
/// of tokens.
/// </summary>
public sealed class CorpusTermVectors(SqliteConnectionFactory database, PaperEmbeddingIndex index, Microsoft.Extensions.Options.IOptions<RetrievalOptions> options, ILogger<CorpusTermVectors> logger) : IDisposable
{
    // A phrase of two content words is a term when at least this many papers write it.
    private const int PhraseMinDocs = 3;

    private readonly SemaphoreSlim _building = new(1, 1);
    private (CorpusVersion Version, TermNeighbours Terms, bool Phrases)? _built;

    /// <summary>The term vectors for the corpus as it is now, built if needed; null without an embedding model.</summary>
    public async Task<TermNeighbours?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!index.Available)
        {
            return null;
        }
        CorpusVersion version;
        using (var connection = database.Open())
        {
            version = CorpusVersion.Read(connection);
        }
        if (_built is { } built && built.Version == version && built.Terms.Model == index.ModelKey && built.Phrases == options.Value.TermExpansionPhrases)
        {
            return built.Terms;
        }
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_built is { } again && again.Version == version && again.Terms.Model == index.ModelKey && again.Phrases == options.Value.TermExpansionPhrases)
            {
                return again.Terms;
            }
            var clock = Stopwatch.StartNew();
            var (words, stems, docs) = Vocabulary();
            var vectors = await index.EmbedTextsAsync(words, cancellationToken);
            var terms = new TermNeighbours(index.ModelKey, words, stems, docs, vectors.SelectMany(v => v).ToArray());
            logger.LogInformation("Embedded {Terms} corpus terms for term expansion in {Seconds:0.0} s", terms.Count, clock.Elapsed.TotalSeconds);
            _built = (version, terms, options.Value.TermExpansionPhrases);
            return terms;
        }
        finally
        {
            _building.Release();
        }
    }

    public void Dispose() => _building.Dispose();


    /// <summary>Every content word of the titles and abstracts by stem: the spelling the papers use most, and in how many papers.</summary>
    private (List<string> Words, List<string> Stems, List<int> Docs) Vocabulary()
    {
        var docs = new Dictionary<string, int>(StringComparer.Ordinal);
        var spellings = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT title, abstract FROM papers";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Count(string written, string stem)
            {
                var forms = spellings.TryGetValue(stem, out var f) ? f : spellings[stem] = new(StringComparer.Ordinal);
                forms[written] = forms.GetValueOrDefault(written) + 1;
                if (seen.Add(stem))
                {
                    docs[stem] = docs.GetValueOrDefault(stem) + 1;
                }
            }
            // Title and abstract apart, so no phrase joins the title's last word to the abstract's first.
            foreach (var text in new[] { reader.GetString(0), reader.GetString(1) })
            {
                string? previous = null;
                foreach (var word in Tokenizer.Words(text))
                {
                    if (!TermExpansion.IsContent(word))
                    {
                        previous = null;
                        continue;
                    }
                    var stem = PorterStemmer.Stem(word);
                    Count(word, stem);
                    if (previous is not null && options.Value.TermExpansionPhrases)
                    {
                        Count(previous + " " + word, PorterStemmer.Stem(previous) + " " + stem);
                    }
                    previous = word;
                }
            }
        }
        var stems = docs.Keys.Where(s => !s.Contains(' ', StringComparison.Ordinal) || docs[s] >= PhraseMinDocs).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var words = stems.Select(s => spellings[s].OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key).ToList();
        return (words, stems, stems.Select(s => docs[s]).ToList());
    }
}
