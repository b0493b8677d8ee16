using PaperBot.Core.Retrieval;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// Term expansion's neighbour logic on hand-made unit vectors: the nearest corpus terms above the similarity floor,
/// only for rare question words, never a word the question already writes, never a term too common to say anything,
/// and the papers scored by the best neighbour each question word finds in them.
/// </summary>
public sealed class TermExpansionTests
{
    // Four corpus terms in three dimensions: "assistant" and "dialogue" near the x axis, "image" on y, "model" everywhere.
    private static readonly TermNeighbours Corpus = new(
        "test",
        ["assistant", "dialogue", "image", "model"],
        ["assist", "dialogu", "imag", "model"],
        [3, 5, 20, 400],
        [.. Unit(1, 0.1f, 0), .. Unit(0.9f, 0.3f, 0), .. Unit(0, 1, 0), .. Unit(0.7f, 0.7f, 0.1f)]);

    private static float[] Unit(float x, float y, float z)
    {
        var norm = MathF.Sqrt(x * x + y * y + z * z);
        return [x / norm, y / norm, z / norm];
    }

    [Fact]
    public void The_nearest_terms_above_the_floor_come_best_first()
    {
        var nearest = Corpus.Nearest(Unit(1, 0, 0), 3, 0.6);

        Assert.Equal(["assistant", "dialogue", "model"], nearest.Select(n => n.Word));
        Assert.True(nearest[0].Similarity > nearest[1].Similarity);
        Assert.Empty(Corpus.Nearest(Unit(0, 0, 1), 3, 0.6));
        Assert.Empty(Corpus.Nearest([1, 0], 3, 0)); // another model's vector
    }

    [Fact]
    public void Only_rare_words_are_expanded_and_only_to_distinctive_terms_the_question_lacks()
    {
        var vectors = new Dictionary<string, float[]> { ["chatbot"] = Unit(1, 0, 0), ["dialogues"] = Unit(0.9f, 0.3f, 0), ["photo"] = Unit(0, 1, 0) };

        var expansion = TermExpansion.Expand(["chatbot", "dialogues", "photo"], vectors, Corpus,
            expand: w => w != "photo", perWord: 3, minSimilarity: 0.6, maxDocs: 100);

        // "photo" is common enough to be searched as written; "dialogues" already writes "dialogue" (same stem), so
        // neither chatbot's nor dialogues' expansion adds it; "model" is in too many papers.
        Assert.Equal(["chatbot → assistant", "dialogues → assistant"], expansion.Select(e => $"{e.Source} → {e.Neighbour.Word}"));
    }

    [Fact]
    public void A_phrase_is_expanded_when_one_of_its_words_is_rare()
    {
        var vectors = new Dictionary<string, float[]> { ["grumpy review"] = Unit(0, 1, 0), ["long review"] = Unit(0, 1, 0) };

        var expansion = TermExpansion.Expand(["grumpy review", "long review"], vectors, Corpus, expand: w => w == "grumpy", perWord: 2, minSimilarity: 0.6, maxDocs: 100);

        Assert.Equal(["grumpy review → image"], expansion.Select(e => $"{e.Source} → {e.Neighbour.Word}"));
    }

    [Fact]
    public void The_question_is_cut_into_content_words_and_pairs_of_them_in_a_row() =>
        // A stop word between two words breaks the pair ("turn a grumpy").
        Assert.Equal(["turn", "grumpy", "review", "grumpy review", "cheerful"],
            TermExpansion.Units("turn a grumpy review into a cheerful one", phrases: true));

    [Fact]
    public void A_paper_scores_by_the_best_neighbour_of_each_question_word_summed_over_the_words()
    {
        TermNeighbour N(string word, double similarity) => new(word, word, 1, similarity);
        var expansion = new List<(string, TermNeighbour)> { ("chatbot", N("assistant", 0.8)), ("chatbot", N("dialogue", 0.6)), ("photo", N("image", 0.7)) };
        var scores = new Dictionary<string, IReadOnlyList<(long, double)>>
        {
            ["assistant"] = [(1, 10.0), (2, 5.0)],
            ["dialogue"] = [(2, 10.0)],
            ["image"] = [(2, 1.0), (3, 4.0)],
        };

        var ranking = TermExpansion.Rank(expansion, w => scores[w], depth: 10);

        // Paper 1: 0.8 × 10 = 8. Paper 2: max(0.8 × 5, 0.6 × 10) + 0.7 × 1 = 6.7. Paper 3: 0.7 × 4 = 2.8.
        Assert.Equal([1L, 2L, 3L], ranking.Select(r => r.Seq));
        Assert.Equal(6.7, ranking[1].Score, 6);
    }
}
