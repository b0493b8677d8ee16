using Microsoft.Data.Sqlite;
using PaperBot.Core.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Retrieval;

/// <summary>The corpus vectors are trained once per state of the corpus and saved; later processes load them.</summary>
public sealed class SavedCorpusVectorsTests : IDisposable
{
    private static readonly string[] Stems = ["uncertainti", "express", "long", "form"];
    private TempDatabase? _database;

    /// <summary>The corpus as an ingest leaves it (a copy of the run's template), before any search has trained its vectors.</summary>
    private TempDatabase Db => _database ??= TempDatabase.WithCorpus(withVectors: false);

    /// <summary>The corpus with its vectors already trained and saved, as a first search leaves it (a copy of the run's
    /// template, so the tests that start from a saved model do not train one first).</summary>
    private TempDatabase WithSavedModel() => _database ??= TempDatabase.WithCorpus(withVectors: true);

    public void Dispose() => _database?.Dispose();

    private IReadOnlyList<(long Seq, double Similarity)> RankWith(CorpusVectors vectors)
    {
        using var connection = Db.Factory.Open();
        return vectors.Rank(connection, Stems, 10);
    }

    [Fact]
    public void A_second_process_loads_the_saved_model_and_ranks_exactly_as_the_first()
    {
        var first = new CorpusVectors();
        var trained = RankWith(first);
        Assert.Equal(CorpusVectorModelOrigin.Trained, first.Origin);
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM corpus_vector_models"));

        var second = new CorpusVectors();
        var loaded = RankWith(second);

        Assert.Equal(CorpusVectorModelOrigin.Loaded, second.Origin);
        Assert.NotEmpty(trained);
        Assert.Equal(trained, loaded);
    }

    [Fact]
    public void A_damaged_saved_model_is_trained_again_and_replaced()
    {
        WithSavedModel();
        var saved = new CorpusVectors();
        var trained = RankWith(saved);
        Assert.Equal(CorpusVectorModelOrigin.Loaded, saved.Origin);
        using (var connection = Db.Factory.Open())
        {
            using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE corpus_vector_models SET model = substr(model, 1, 1000)";
            damage.ExecuteNonQuery();
        }

        var again = new CorpusVectors();
        Assert.Equal(trained, RankWith(again));
        Assert.Equal(CorpusVectorModelOrigin.Trained, again.Origin);

        var third = new CorpusVectors();
        RankWith(third);
        Assert.Equal(CorpusVectorModelOrigin.Loaded, third.Origin);
    }

    [Fact]
    public void A_new_ingest_makes_the_saved_model_stale_and_the_next_search_retrains_and_replaces_it()
    {
        WithSavedModel();
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM corpus_vector_models"));
        var before = Db.Scalar("SELECT version FROM corpus_vector_models");

        var extra = Db.WriteFile("extra.txt", "A Brand New Paper About Widget Calibration\nWe calibrate widgets with a new method and report" +
            " results on three widget benchmarks. Experiments show consistent gains over strong baselines, and we release our data" +
            " and analysis to the community. Further analysis explains where the gains come from and which parts matter most.\n");
        Assert.Equal(1, Db.Ingest.Ingest([extra]).New);
        var after = new CorpusVectors();
        RankWith(after);

        Assert.Equal(CorpusVectorModelOrigin.Trained, after.Origin);
        Assert.Equal(1, Db.Scalar("SELECT COUNT(*) FROM corpus_vector_models"));
        Assert.NotEqual(before, Db.Scalar("SELECT version FROM corpus_vector_models"));
    }

    [Fact]
    public async Task A_search_while_another_connection_holds_the_write_lock_trains_without_waiting_and_keeps_nothing()
    {
        // Proved by ordering, not by the clock: the writer holds the write lock from before the search until after it
        // returns, and the search's connection would wait for a lock without end (busy timeout at its maximum), so the
        // search can only return while the lock is held if it never waits for it. SQLite's trace of the connection shows
        // its one attempt at the lock: a SqliteCommand would have retried the busy BEGIN for its timeout.
        using var writer = Db.Factory.Open();
        Execute(writer, "BEGIN IMMEDIATE;");
        using var connection = Db.Factory.Open();
        Execute(connection, $"PRAGMA busy_timeout = {int.MaxValue};");
        var statements = new System.Collections.Concurrent.ConcurrentQueue<string>();
        SQLitePCL.raw.sqlite3_trace(connection.Handle, (SQLitePCL.strdelegate_trace)((_, sql) => statements.Enqueue(sql)), null);
        var vectors = new CorpusVectors();

        var search = Task.Run(() => vectors.Rank(connection, Stems, 10));
        // A backstop for a broken build, not part of the assertion: a search that waits for the lock never returns
        // while the writer holds it, so the lock is let go only after the search returned or after this long.
        var returnedWhileLocked = await Task.WhenAny(search, Task.Delay(TimeSpan.FromMinutes(10))) == search;
        Execute(writer, "ROLLBACK;");

        Assert.True(returnedWhileLocked, "the search waited for the write lock another connection held");
        Assert.NotEmpty(await search);
        Assert.Equal(CorpusVectorModelOrigin.Trained, vectors.Origin);
        Assert.Single(statements, s => s.Contains("BEGIN IMMEDIATE", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Contains("INSERT OR REPLACE INTO corpus_vector_models", StringComparison.Ordinal));
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM corpus_vector_models"));
        // The connection's own busy timeout is back, so the caller's later statements wait as they were told to.
        SQLitePCL.raw.sqlite3_trace(connection.Handle, (SQLitePCL.strdelegate_trace?)null, null);
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal((long)int.MaxValue, Convert.ToInt64(busy.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void A_read_only_database_still_gets_vectors_it_just_cannot_keep_them()
    {
        using (var connection = Db.Factory.Open())
        {
            using var clear = connection.CreateCommand();
            clear.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            clear.ExecuteNonQuery();
        }
        using var readOnly = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db.Path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        readOnly.Open();
        var vectors = new CorpusVectors();

        Assert.NotEmpty(vectors.Rank(readOnly, Stems, 10));
        Assert.Equal(CorpusVectorModelOrigin.Trained, vectors.Origin);
        Assert.Equal(0, Db.Scalar("SELECT COUNT(*) FROM corpus_vector_models"));
    }
}
