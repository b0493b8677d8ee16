using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Benchmark;

/// <summary>
/// Stores random unit vectors for every paper of a benchmark database, as if the embedding job had finished: one to
/// three passages a paper (the real corpus averages 1.7 with MiniLM's 256-token window). The local model would take
/// about a day to embed a million papers on two cores; dense search costs the same whatever the vectors hold.
/// </summary>
public static class SyntheticVectors
{
    private const int PapersPerTransaction = 10_000;

    public static long Write(SqliteConnectionFactory database, string model, int dimensions, int seed = 11)
    {
        var random = new Random(seed);
        using var connection = database.Open();
        var papers = new List<(string Id, string Hash)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT id, text_hash FROM papers ORDER BY seq";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                papers.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        long passages = 0;
        foreach (var chunk in papers.Chunk(PapersPerTransaction))
        {
            using var tx = connection.BeginTransaction();
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO paper_embeddings(paper_id, model, content_hash, dimensions, vector) VALUES ($id, $model, $hash, $dims, $vector)
                ON CONFLICT(paper_id, model) DO UPDATE SET content_hash = excluded.content_hash, dimensions = excluded.dimensions, vector = excluded.vector
                """;
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            cmd.Parameters.AddWithValue("$model", model);
            var hash = cmd.Parameters.Add("$hash", SqliteType.Text);
            cmd.Parameters.AddWithValue("$dims", dimensions);
            var blob = cmd.Parameters.Add("$vector", SqliteType.Blob);
            foreach (var (paperId, contentHash) in chunk)
            {
                // 40% one passage, 50% two, 10% three: a mean of 1.7.
                var roll = random.NextDouble();
                var count = roll < 0.4 ? 1 : roll < 0.9 ? 2 : 3;
                var vector = new float[count * dimensions];
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = (float)(random.NextDouble() * 2 - 1);
                }
                for (var p = 0; p < count; p++)
                {
                    var slice = vector.AsSpan(p * dimensions, dimensions);
                    TensorPrimitives.Divide(slice, TensorPrimitives.Norm(slice), slice);
                }
                id.Value = paperId;
                hash.Value = contentHash;
                blob.Value = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
                cmd.ExecuteNonQuery();
                passages += count;
            }
            tx.Commit();
        }
        return passages;
    }
}
