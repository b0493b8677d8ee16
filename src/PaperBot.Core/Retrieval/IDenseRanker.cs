using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Retrieval;

/// <summary>Ranks papers by similarity of stored embeddings to an embedded question (present only when embeddings are configured).</summary>
public interface IDenseRanker
{
    /// <summary>The <paramref name="depth"/> most similar papers. In a corpus too large to hold every vector in memory,
    /// only <paramref name="candidates"/> (the other rankings' best) are scored, from their stored vectors.</summary>
    DenseRanking Rank(SqliteConnection connection, QueryEmbedding query, int depth, IReadOnlyCollection<long> candidates);
}
