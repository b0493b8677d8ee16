using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// How many papers contain a word. fts5vocab counts by reading the word's whole posting list, which for a common
/// word in a large corpus ("model": most of a million papers) costs tens of milliseconds per question. So in a large
/// corpus the count is estimated: the newest <see cref="Sample"/> matches are read (newest first, straight from the
/// index); fewer than that is the exact count, otherwise their density over the seqs they span, times all seqs.
/// </summary>
public static class DocumentFrequencies
{
    /// <summary>Matches read per word: a count within a few per cent for a common word, which is all its IDF needs.</summary>
    public const int Sample = 2_000;

    /// <summary>Exact count through fts5vocab (the stem as the index stores it).</summary>
    public static long Exact(SqliteConnection connection, string stem)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT doc FROM papers_vocab WHERE term = $t";
        cmd.Parameters.AddWithValue("$t", stem);
        return cmd.ExecuteScalar() is long df ? df : 0;
    }

    /// <summary>
    /// Estimated count for the word as the index tokenises it; exact when fewer than <see cref="Sample"/> papers
    /// contain it. <paramref name="papers"/> is the number of papers, <paramref name="maxSeq"/> the highest seq.
    /// </summary>
    public static long Estimate(SqliteConnection connection, string word, long papers, long maxSeq, int sample = Sample)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT rowid FROM papers_fts WHERE papers_fts MATCH $t ORDER BY rowid DESC LIMIT $n";
        cmd.Parameters.AddWithValue("$t", FtsQuery.Quote(word));
        cmd.Parameters.AddWithValue("$n", sample);
        using var reader = cmd.ExecuteReader();
        long count = 0, oldest = 0;
        while (reader.Read())
        {
            count++;
            oldest = reader.GetInt64(0);
        }
        if (count < sample)
        {
            return count;
        }
        // Matches per seq over the span read, times every seq there is; gaps left by removed papers thin both alike.
        var spanned = Math.Max(1, maxSeq - oldest + 1);
        return Math.Min(papers, (long)Math.Round((double)count / spanned * maxSeq));
    }
}
