using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Retrieval;

/// <summary>Ranks papers by similarity of stored embeddings to an embedded question (present only when embeddings are configured).</summary>
public interface IDenseRanker
{
    IReadOnlyList<(long Seq, double Similarity)> Rank(SqliteConnection connection, QueryEmbedding query, int depth);
}
