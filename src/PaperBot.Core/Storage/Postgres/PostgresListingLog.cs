using Npgsql;
using PaperBot.Core.Ingest;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// The shared listing log in PostgreSQL (<c>listing_log</c>). Publishing happens under a session advisory lock, which
/// PostgreSQL releases by itself when a replica dies holding it; a notification on <see cref="Channel"/> tells the
/// other replicas to catch up at once instead of at their next poll.
/// </summary>
public sealed class PostgresListingLog(PostgresDatabase database) : ISharedListingLog
{
    /// <summary>The NOTIFY channel replicas listen on; the payload is the newest published seq.</summary>
    public const string Channel = "paperbot_listings";

    /// <summary>Advisory lock key for ingest: "PBINGEST" read as a number.</summary>
    public const long IngestLockKey = 0x5042494E47455354;

    /// <summary>Who published a listing, as the log records it.</summary>
    private static readonly string Publisher = $"{Environment.MachineName}/{Environment.ProcessId}";

    public bool IsShared => true;

    public ISharedIngest BeginIngest(CancellationToken cancellationToken)
    {
        var connection = database.Open();
        try
        {
            using var cmd = new NpgsqlCommand($"SELECT pg_advisory_lock({IngestLockKey})", connection);
            cmd.ExecuteNonQuery();
            return new Publication(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public IReadOnlyList<SharedListingHead> NewestAfter(long afterSeq, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            SELECT seq, name, sha256, published_at FROM (
                SELECT DISTINCT ON (name) seq, name, sha256, published_at FROM listing_log WHERE seq > @after ORDER BY name, seq DESC
            ) newest ORDER BY seq
            """, connection);
        cmd.Parameters.AddWithValue("after", afterSeq);
        using var reader = cmd.ExecuteReader();
        var heads = new List<SharedListingHead>();
        while (reader.Read())
        {
            heads.Add(new SharedListingHead(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return heads;
    }

    public ListingFile Read(long seq, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("SELECT name, sha256, content FROM listing_log WHERE seq = @seq", connection);
        cmd.Parameters.AddWithValue("seq", seq);
        using var reader = cmd.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidDataException($"The shared listing log has no entry {seq}.");
        }
        var name = reader.GetString(0);
        // Not a path on this machine: the listing came from another replica's disk.
        return new ListingFile(name, "shared:" + name, reader.GetString(2), reader.GetString(1));
    }

    /// <summary>The newest seq in the log (0 when empty): how far a replica must have applied to be current.</summary>
    public long NewestSeq()
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM listing_log", connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class Publication(NpgsqlConnection connection) : ISharedIngest
    {
        private NpgsqlTransaction? _tx;
        private long _newest;

        public void Publish(ListingFile file, DateTimeOffset ingestedAt)
        {
            _tx ??= connection.BeginTransaction();
            using var cmd = new NpgsqlCommand("""
                INSERT INTO listing_log (name, sha256, content, published_at, published_by) VALUES (@name, @sha, @content, @at, @by) RETURNING seq
                """, connection, _tx);
            cmd.Parameters.AddWithValue("name", file.Name);
            cmd.Parameters.AddWithValue("sha", file.Sha256);
            cmd.Parameters.AddWithValue("content", file.Text);
            cmd.Parameters.AddWithValue("by", Publisher);
            // The publisher's ingest time, not the database's clock: every replica then stamps the papers as the publisher did.
            cmd.Parameters.AddWithValue("at", ingestedAt.ToUniversalTime());
            _newest = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Commit()
        {
            if (_tx is null)
            {
                return;
            }
            using (var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @seq)", connection, _tx))
            {
                // Delivered when the transaction commits, never for a publication that rolls back.
                notify.Parameters.AddWithValue("channel", Channel);
                notify.Parameters.AddWithValue("seq", _newest.ToString(System.Globalization.CultureInfo.InvariantCulture));
                notify.ExecuteNonQuery();
            }
            _tx.Commit();
            _tx.Dispose();
            _tx = null;
        }

        public void RecordRun(string source, IngestReport report, DateTimeOffset startedAt, DateTimeOffset finishedAt)
        {
            using var cmd = new NpgsqlCommand("""
                INSERT INTO ingest_runs (replica, source, started_at, finished_at, files, records, papers, new_papers, updated, removed, errors, report_json)
                VALUES (@replica, @source, @started, @finished, @files, @records, @papers, @new, @updated, @removed, @errors, @report)
                """, connection);
            cmd.Parameters.AddWithValue("replica", Publisher);
            cmd.Parameters.AddWithValue("source", source);
            cmd.Parameters.AddWithValue("started", startedAt.ToUniversalTime());
            cmd.Parameters.AddWithValue("finished", finishedAt.ToUniversalTime());
            cmd.Parameters.AddWithValue("files", report.Files);
            cmd.Parameters.AddWithValue("records", report.Records);
            cmd.Parameters.AddWithValue("papers", report.Papers);
            cmd.Parameters.AddWithValue("new", report.New);
            cmd.Parameters.AddWithValue("updated", report.Updated);
            cmd.Parameters.AddWithValue("removed", report.Removed);
            cmd.Parameters.AddWithValue("errors", report.Errors.Count);
            cmd.Parameters.AddWithValue("report", PaperJson.Serialize(report));
            cmd.ExecuteNonQuery();
        }

        public void Dispose()
        {
            try
            {
                _tx?.Dispose();
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({IngestLockKey})", connection);
                    unlock.ExecuteNonQuery();
                }
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and with it the session that held the lock: PostgreSQL released it.
            }
            finally
            {
                connection.Dispose();
            }
        }
    }
}
