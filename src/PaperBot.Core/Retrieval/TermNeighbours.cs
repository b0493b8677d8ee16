using System.Numerics.Tensors;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// The corpus's content words, each embedded alone by the embedding model (unit vectors), so a question word the
/// papers do not write ("chatbot", "grumpy") can be joined to the nearest words they do ("assistant", "negative"):
/// an automatic vocabulary bridge, derived from the corpus and the model rather than written by hand.
/// </summary>
public sealed class TermNeighbours
{
    private readonly string[] _words;
    private readonly string[] _stems;
    private readonly int[] _docs;
    private readonly float[] _vectors;

    /// <param name="words">Each term as the papers most often write it.</param>
    /// <param name="stems">Its stem, as the index stores it.</param>
    /// <param name="docs">How many papers use it.</param>
    /// <param name="vectors">The terms' unit vectors, one after another.</param>
    public TermNeighbours(string model, IReadOnlyList<string> words, IReadOnlyList<string> stems, IReadOnlyList<int> docs, float[] vectors)
    {
        if (words.Count != stems.Count || words.Count != docs.Count || (words.Count > 0 && vectors.Length % words.Count != 0))
        {
            throw new ArgumentException("One word, stem, count and vector per term.");
        }
        Model = model;
        _words = [.. words];
        _stems = [.. stems];
        _docs = [.. docs];
        _vectors = vectors;
        Dimensions = words.Count == 0 ? 0 : vectors.Length / words.Count;
    }

    /// <summary>The model the vectors come from (a question word must be embedded by the same one).</summary>
    public string Model { get; }

    public int Dimensions { get; }

    public int Count => _words.Length;

    /// <summary>
    /// The <paramref name="k"/> terms nearest to <paramref name="vector"/> (cosine of unit vectors) at
    /// <paramref name="minSimilarity"/> or more, best first, among those <paramref name="allowed"/> accepts (by stem and
    /// number of papers). A vector of another length finds nothing.
    /// </summary>
    public IReadOnlyList<TermNeighbour> Nearest(ReadOnlySpan<float> vector, int k, double minSimilarity, Func<string, int, bool>? allowed = null)
    {
        if (vector.Length != Dimensions || k <= 0 || Count == 0)
        {
            return [];
        }
        var found = new List<TermNeighbour>();
        for (var i = 0; i < _words.Length; i++)
        {
            var similarity = TensorPrimitives.Dot(vector, _vectors.AsSpan(i * Dimensions, Dimensions));
            if (similarity >= minSimilarity && (allowed is null || allowed(_stems[i], _docs[i])))
            {
                found.Add(new TermNeighbour(_words[i], _stems[i], _docs[i], similarity));
            }
        }
        return found.OrderByDescending(n => n.Similarity).ThenBy(n => n.Word, StringComparer.Ordinal).Take(k).ToList();
    }
}

/// <summary>A corpus term near a question word: as the papers write it, its stem, in how many papers, and how near.</summary>
public sealed record TermNeighbour(string Word, string Stem, int Docs, double Similarity);
