using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Hybrid retrieval. Three rankings are fused by reciprocal rank: FTS5 BM25 with field weights (title above
/// authors and organisations above abstract) over the question's words plus their acronym bridges; latent
/// semantic vectors learned from the corpus, which find papers written in other words; and, when the deployer
/// has an embedding service, the papers' stored embeddings. Each hit carries a <see cref="SearchHit.Coverage"/>:
/// the IDF-weighted share of the question's words the paper contains (directly or through a bridge).
/// </summary>
public sealed class PaperSearcher
{
    // bm25() column weights: title, abstract, authors, orgs.
    private const string Bm25 = "bm25(papers_fts, 4.0, 1.0, 2.0, 2.0)";
    private readonly SqliteConnectionFactory _database;
    private readonly CorpusVectors _vectors;
    private readonly IDenseRanker? _dense;
    private readonly RetrievalOptions _options;

    public PaperSearcher(SqliteConnectionFactory database)
        : this(database, new CorpusVectors(), [], Microsoft.Extensions.Options.Options.Create(new RetrievalOptions()))
    {
    }

    public PaperSearcher(SqliteConnectionFactory database, CorpusVectors vectors, IEnumerable<IDenseRanker> dense, Microsoft.Extensions.Options.IOptions<RetrievalOptions> options)
    {
        _database = database;
        _vectors = vectors;
        _dense = dense.FirstOrDefault();
        _options = options.Value;
    }

    public const string EmptyQueryMessage = "Give me some words to search for, for example: speculative decoding.";

    public SearchResult Search(string? query, int top = 10) => Search(query, top, embedding: null);

    public SearchResult Search(string? query, int top, QueryEmbedding? embedding, Func<long, bool>? restrictTo = null)
    {
        top = Math.Clamp(top, 1, 100);
        var fts = FtsQuery.Build(query);
        using var connection = _database.Open();
        var papers = PapersIn(connection);
        if (fts is null)
        {
            return new SearchResult(query ?? "", [], [], papers, EmptyQueryMessage);
        }
        // A word the corpus only ever spells the other way ("memorised") is searched and weighed as the corpus spells it;
        // when the corpus uses both spellings, the other one joins as a bridge.
        bool InCorpus(string word) => WeightsFor(connection, [word], papers).IsKnown(word);
        var terms = fts.Terms.Select(t => InCorpus(t) ? t : SpellingVariants.Of(t).FirstOrDefault(InCorpus) ?? t).Distinct(StringComparer.Ordinal).ToList();
        var acronyms = _options.AcronymBridges ? AcronymExpander.Bridges(connection, query!) : [];
        var bridges = acronyms.Concat(SpellingVariants.Bridges(terms, InCorpus)).ToList();
        var bridgeWords = bridges.SelectMany(b => b.Words).Where(w => !terms.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        var matchTerms = terms.Concat(bridgeWords).Take(FtsQuery.MaxTerms + 8).ToList();

        var depth = _options.CandidateDepth;
        var weights = WeightsFor(connection, terms.Concat(bridgeWords).ToList(), papers);
        var keyword = _options.KeywordWeight > 0 ? KeywordRanking(connection, Discriminating(matchTerms, weights, papers), depth) : [];
        var stems = matchTerms.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var semantic = _options.CorpusVectorWeight > 0 ? _vectors.Rank(connection, stems, depth, keyword.Take(RerankedCandidates).Select(k => k.Seq).ToList()) : [];
        var dense = embedding is not null && _dense is not null && _options.EmbeddingWeight > 0 ? _dense.Rank(connection, embedding, depth) : [];

        // Score fusion: each ranking's scores divided by its best, weighted and summed. Unlike rank fusion this keeps
        // BM25's margin when one paper alone carries a rare name ("LongMemEval"), so a paper that is merely
        // similar in both rankings cannot overtake it.
        var fused = new Dictionary<long, double>();
        void Fuse(IReadOnlyList<(long Seq, double Score)> ranking, double weight)
        {
            var best = ranking.Count == 0 ? 0 : ranking.Max(r => r.Score);
            if (best <= 0)
            {
                return;
            }
            foreach (var (seq, score) in ranking)
            {
                fused[seq] = fused.GetValueOrDefault(seq) + weight * Math.Max(0, score) / best;
            }
        }
        Fuse(keyword.Select(k => (k.Seq, -k.Rank)).ToList(), _options.KeywordWeight);
        Fuse(semantic, _options.CorpusVectorWeight);
        Fuse(dense, _options.EmbeddingWeight);

        var ranked = fused
            .Where(kv => restrictTo is null || restrictTo(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Take(top).ToList();
        var similarity = dense.ToDictionary(d => d.Seq, d => d.Similarity);
        var loaded = Load(connection, ranked.Select(r => r.Key).ToList());
        var hits = new List<SearchHit>();
        foreach (var (seq, score) in ranked)
        {
            if (!loaded.TryGetValue(seq, out var paper))
            {
                continue;
            }
            var paperStems = TermWeights.StemsOf(paper.Title + " " + paper.Abstract + " " + string.Join(' ', paper.Authors) + " " + string.Join(' ', paper.Orgs));
            var (coverage, matched) = Coverage(terms, bridges, weights, paperStems);
            hits.Add(new SearchHit(paper, Math.Round(score, 4), Math.Round(coverage, 4), Snippet(paper.Abstract, stems)) 
            {
                MatchedWeight = Math.Round(matched, 3),
                EmbeddingSimilarity = similarity.TryGetValue(seq, out var cosine) ? Math.Round(cosine, 4) : null,
            });
        }
        return new SearchResult(query!, hits, terms, papers);
    }

    /// <summary>IDF weights for the given words; words the index has never seen weigh the most.</summary>
    public TermWeights Weights(IReadOnlyList<string> words)
    {
        using var connection = _database.Open();
        return WeightsFor(connection, words, PapersIn(connection));
    }

    /// <summary>IDF-weighted share of the question's words the paper contains, a bridge counting for the words it stands for.</summary>
    private static (double Share, double Matched) Coverage(IReadOnlyList<string> words, IReadOnlyList<QueryBridge> bridges, TermWeights weights, IReadOnlySet<string> paperStems)
    {
        var covered = words.Where(w => paperStems.Contains(PorterStemmer.Stem(w))).ToHashSet(StringComparer.Ordinal);
        foreach (var bridge in bridges)
        {
            if (bridge.Words.All(w => paperStems.Contains(PorterStemmer.Stem(w))))
            {
                covered.UnionWith(bridge.SourceWords);
            }
        }
        double total = 0, matched = 0;
        foreach (var word in words)
        {
            var weight = weights.Of(word);
            total += weight;
            if (covered.Contains(word))
            {
                matched += weight;
            }
        }
        return (total == 0 ? 0 : matched / total, matched);
    }

    /// <summary>
    /// The terms worth matching on. In a large corpus a word in more than one paper in <see cref="CommonShare"/>
    /// ("language", "models") adds almost nothing to BM25 yet makes FTS5 score a large part of the corpus, so such
    /// words are left out of the MATCH (they still count for coverage). The two rarest terms always stay.
    /// </summary>
    private List<string> Discriminating(IReadOnlyList<string> terms, TermWeights weights, int papers)
    {
        if (papers < _options.PruneCommonTermsAbove)
        {
            return terms.ToList();
        }
        var n = (double)papers;
        var commonIdf = Math.Log(1 + (n - n * CommonShare + 0.5) / (n * CommonShare + 0.5));
        var rarest = terms.OrderByDescending(weights.Of).Take(2).ToHashSet(StringComparer.Ordinal);
        return terms.Where(t => rarest.Contains(t) || weights.Of(t) >= commonIdf).ToList();
    }

    private const double CommonShare = 0.05;

    // In a corpus too large for a vector per paper, the corpus vectors re-rank this many keyword candidates,
    // projecting their text at query time; more costs latency for papers BM25 already put far down.
    private const int RerankedCandidates = 40;

    private static List<(long Seq, double Rank)> KeywordRanking(SqliteConnection connection, IReadOnlyList<string> terms, int depth)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT rowid, {Bm25} AS rank FROM papers_fts WHERE papers_fts MATCH $match ORDER BY rank LIMIT $depth";
        cmd.Parameters.AddWithValue("$match", string.Join(" OR ", terms.Select(FtsQuery.Quote)));
        cmd.Parameters.AddWithValue("$depth", depth);
        using var reader = cmd.ExecuteReader();
        var result = new List<(long, double)>();
        while (reader.Read())
        {
            result.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }
        return result;
    }

    private static Dictionary<long, Papers.Paper> Load(SqliteConnection connection, IReadOnlyList<long> seqs)
    {
        var result = new Dictionary<long, Papers.Paper>();
        if (seqs.Count == 0)
        {
            return result;
        }
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT p.seq, p.id, p.title, p.title_derived, p.abstract, p.authors_json, p.authors_complete, p.orgs_json, p.date,
                   p.upvotes, p.n_authors, p.category, p.score, p.has_code, p.links_json, p.first_seen
            FROM papers p WHERE p.seq IN ({string.Join(",", seqs)})
            """;
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetInt64(0)] = PaperStore.Read(reader);
        }
        return result;
    }

    /// <summary>The abstract sentence that shares the most stems with the query, shortened for a result line.</summary>
    private static string Snippet(string abstractText, IReadOnlySet<string> stems)
    {
        var best = SentenceSplitter.Split(abstractText)
            .Select((s, i) => (Sentence: s, Score: TermWeights.StemsOf(s).Count(stems.Contains) - i * 0.01))
            .OrderByDescending(x => x.Score)
            .Select(x => x.Sentence)
            .FirstOrDefault() ?? abstractText;
        return best.Length <= 200 ? best : best[..199].TrimEnd() + "…";
    }

    private static TermWeights WeightsFor(SqliteConnection connection, IReadOnlyList<string> words, int papers)
    {
        var n = Math.Max(papers, 1);
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT doc FROM papers_vocab WHERE term = $t";
        var parameter = cmd.Parameters.Add("$t", SqliteType.Text);
        foreach (var stem in words.Select(PorterStemmer.Stem).Distinct(StringComparer.Ordinal))
        {
            parameter.Value = stem;
            if (cmd.ExecuteScalar() is long df && df > 0)
            {
                idf[stem] = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            }
        }
        return new TermWeights(idf, Math.Log(1 + (n + 0.5) / 0.5));
    }

    private static int PapersIn(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM papers";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
