using Microsoft.Data.Sqlite;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Latent semantic vectors learned from the corpus itself: a truncated SVD of the tf-idf term–paper matrix, so
/// words that keep company in the abstracts ("hallucination", "factuality", "confabulation") land near each other
/// and a question can match a paper that uses different words. Trained in memory on first use and again after
/// every ingest; up to <see cref="ExhaustiveLimit"/> papers every paper has a vector, beyond that the vectors
/// re-rank the keyword candidates only, so memory stays bounded at any corpus size. A trained model is saved in the
/// database for its state of the corpus, so the next process (a one-shot <c>paperbot ask</c>) loads it in milliseconds
/// instead of training it again.
/// </summary>
public sealed class CorpusVectors
{
    // Enough papers to learn which words keep company; training stays a few seconds at any corpus size.
    public const int TrainingSample = 4_000;
    public const int ExhaustiveLimit = 50_000;
    private const int LatentDimensions = 128;
    private const int MinDocumentFrequency = 2;
    /// <summary>
    /// Stems kept as columns, most frequent first. Bounds the basis to 12,000 × 128 floats (6 MB, saved with the model)
    /// and the SVD's work; in a <see cref="TrainingSample"/>-paper sample, rarer stems occur in a handful of papers and
    /// the keyword ranking already finds those.
    /// </summary>
    private const int MaxColumns = 12_000;

    private readonly object _lock = new();
    private CorpusVectorModel? _model;

    /// <summary>True once a model has been trained (for the current corpus or an earlier one).</summary>
    public bool IsTrained => _model is not null;

    /// <summary>Papers (by seq) most similar to the query stems, best first; empty when no stem is known.</summary>
    public IReadOnlyList<(long Seq, double Similarity)> Rank(SqliteConnection connection, IReadOnlyCollection<string> queryStems, int depth, IReadOnlyCollection<long>? candidates = null)
    {
        var model = ModelFor(connection);
        if (model is null)
        {
            return [];
        }
        var query = Project(model, queryStems.Select(s => (s, 1.0)));
        if (query is null)
        {
            return [];
        }
        var scored = new List<(long Seq, double Similarity)>();
        if (model.Seqs.Length > 0)
        {
            for (var d = 0; d < model.Seqs.Length; d++)
            {
                double dot = 0;
                var offset = d * model.Rank;
                for (var j = 0; j < model.Rank; j++)
                {
                    dot += query[j] * model.Vectors[offset + j];
                }
                scored.Add((model.Seqs[d], dot));
            }
        }
        else if (candidates is { Count: > 0 })
        {
            foreach (var (seq, text) in TextsOf(connection, candidates))
            {
                if (Project(model, TermCounts(text)) is { } doc)
                {
                    scored.Add((seq, Dot(query, doc)));
                }
            }
        }
        return scored.OrderByDescending(s => s.Similarity).Take(depth).ToList();
    }

    private CorpusVectorModel? ModelFor(SqliteConnection connection)
    {
        var version = VersionOf(connection);
        var model = _model;
        if (model is not null && model.Version == version)
        {
            return model;
        }
        lock (_lock)
        {
            if (_model is null || _model.Version != version)
            {
                var saved = CorpusVectorModelFile.Load(connection, version);
                if (saved is not null)
                {
                    Origin = CorpusVectorModelOrigin.Loaded;
                    _model = saved;
                }
                else
                {
                    _model = Train(connection, version);
                    Origin = _model is null ? CorpusVectorModelOrigin.None : CorpusVectorModelOrigin.Trained;
                    if (_model is not null)
                    {
                        CorpusVectorModelFile.Save(connection, _model);
                    }
                }
            }
            return _model;
        }
    }

    /// <summary>Where the model in use came from: trained in this process, or loaded as an earlier process saved it.</summary>
    public CorpusVectorModelOrigin Origin { get; private set; }

    /// <summary>Changes with every ingest run and with the highest paper seq, so a new corpus retrains the vectors.</summary>
    private static long VersionOf(SqliteConnection connection) => Storage.CorpusVersion.Read(connection).Packed;

    private static CorpusVectorModel? Train(SqliteConnection connection, long version)
    {
        long papers;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM papers";
            papers = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (papers < 8)
        {
            return null;
        }
        var sample = new List<Dictionary<string, int>>();
        void AddToSample(SqliteDataReader reader) =>
            sample.Add(TermCounts(reader.GetString(0) + " " + reader.GetString(1)).ToDictionary(t => t.Stem, t => (int)t.Count, StringComparer.Ordinal));
        if (papers <= TrainingSample)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT title, abstract FROM papers ORDER BY seq";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                AddToSample(reader);
            }
        }
        else
        {
            // Evenly spaced papers, each found by its seq (the rowid): reading every row to pick one in 250 took
            // seconds at a million papers.
            long maxSeq;
            using (var max = connection.CreateCommand())
            {
                max.CommandText = "SELECT MAX(seq) FROM papers";
                maxSeq = Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            var step = Math.Max(1, maxSeq / TrainingSample);
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT title, abstract, seq FROM papers WHERE seq >= $from ORDER BY seq LIMIT 1";
            var from = cmd.Parameters.Add("$from", SqliteType.Integer);
            var last = 0L;
            for (var k = 1; k <= TrainingSample; k++)
            {
                // Past a gap in the seqs (papers removed), go on after the last paper taken rather than take it again.
                from.Value = Math.Max(k * step, last + 1);
                using var reader = cmd.ExecuteReader();
                if (!reader.Read())
                {
                    break;
                }
                AddToSample(reader);
                last = reader.GetInt64(2);
            }
        }
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in sample)
        {
            foreach (var stem in doc.Keys)
            {
                df[stem] = df.GetValueOrDefault(stem) + 1;
            }
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var idfList = new List<double>();
        foreach (var (stem, count) in df.Where(kv => kv.Value >= MinDocumentFrequency && kv.Value <= sample.Count / 2).OrderByDescending(kv => kv.Value).Take(MaxColumns))
        {
            columns[stem] = columns.Count;
            idfList.Add(Math.Log((double)sample.Count / count));
        }
        if (columns.Count < 8)
        {
            return null;
        }
        var idf = idfList.ToArray();
        var matrix = new SparseRows(columns.Count);
        foreach (var doc in sample)
        {
            matrix.AddRow(Normalised(doc.Where(kv => columns.ContainsKey(kv.Key))
                .Select(kv => (columns[kv.Key], (1 + Math.Log(kv.Value)) * idf[columns[kv.Key]]))));
        }
        var rank = Math.Max(2, Math.Min(LatentDimensions, sample.Count / 3));
        var v = TruncatedSvd.RightSingularVectors(matrix, rank, powerIterations: 1);
        rank = v.GetLength(1);
        var basis = new float[columns.Count, rank];
        for (var c = 0; c < columns.Count; c++)
        {
            for (var j = 0; j < rank; j++)
            {
                basis[c, j] = (float)v[c, j];
            }
        }
        var model = new CorpusVectorModel(version, columns, idf, basis, rank, [], []);
        if (papers > ExhaustiveLimit)
        {
            return model;
        }
        var seqs = new List<long>();
        var vectors = new List<float>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT seq, title, abstract FROM papers ORDER BY seq";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var projected = Project(model, TermCounts(reader.GetString(1) + " " + reader.GetString(2)));
                seqs.Add(reader.GetInt64(0));
                vectors.AddRange(projected ?? new float[rank]);
            }
        }
        return model with { Seqs = [.. seqs], Vectors = [.. vectors] };
    }

    private static IEnumerable<(int Column, float Value)> Normalised(IEnumerable<(int Column, double Value)> entries)
    {
        var list = entries.ToList();
        var norm = Math.Sqrt(list.Sum(e => e.Value * e.Value));
        return norm == 0 ? [] : list.Select(e => (e.Column, (float)(e.Value / norm)));
    }

    /// <summary>Unit vector in the latent space of the tf-idf weighted terms, or null when none is known.</summary>
    private static float[]? Project(CorpusVectorModel model, IEnumerable<(string Stem, double Count)> terms)
    {
        var result = new double[model.Rank];
        var any = false;
        foreach (var (stem, count) in terms)
        {
            if (!model.Columns.TryGetValue(stem, out var c))
            {
                continue;
            }
            any = true;
            var weight = (1 + Math.Log(Math.Max(count, 1))) * model.Idf[c];
            for (var j = 0; j < model.Rank; j++)
            {
                result[j] += weight * model.Basis[c, j];
            }
        }
        if (!any)
        {
            return null;
        }
        var norm = Math.Sqrt(result.Sum(x => x * x));
        return norm == 0 ? null : result.Select(x => (float)(x / norm)).ToArray();
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    internal static IEnumerable<(string Stem, double Count)> TermCounts(string text) =>
        Tokenizer.Words(text)
            .Where(w => w.Length > 1 && !Tokenizer.IsStopWord(w) && !w.All(char.IsDigit))
            .Select(PorterStemmer.Stem)
            .GroupBy(s => s, StringComparer.Ordinal)
            .Select(g => (g.Key, (double)g.Count()));

    private static IEnumerable<(long Seq, string Text)> TextsOf(SqliteConnection connection, IReadOnlyCollection<long> seqs)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT seq, title, abstract FROM papers WHERE seq IN ({string.Join(",", seqs)})";
        using var reader = cmd.ExecuteReader();
        var result = new List<(long, string)>();
        while (reader.Read())
        {
            result.Add((reader.GetInt64(0), reader.GetString(1) + " " + reader.GetString(2)));
        }
        return result;
    }
}
