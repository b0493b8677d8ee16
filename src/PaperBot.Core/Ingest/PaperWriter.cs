using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Papers;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Ingest;

/// <summary>
/// The write half of one ingest run, inside its transaction: replaces what each file gave before, keeps every paper
/// with the records that own its keys (so ids survive re-ingest), recomputes the papers a run touched, and writes the
/// papers with their authors, organisations, acronyms and full-text rows. Prepares each statement once per run.
/// </summary>
internal sealed class PaperWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _tx;
    private readonly string _now;
    // Papers by seq, not id: eight bytes each, and Finish walks them in table order. They grow with the records
    // of this run (about 20 MB per million), never with the papers already stored.
    private readonly HashSet<long> _affected = [];
    private readonly HashSet<long> _recordPapers = [];
    private int _recordsWritten;
    private readonly SqliteCommand _findKey;
    private readonly SqliteCommand _insertKey;
    private readonly SqliteCommand _insertSource;
    private readonly SqliteCommand _createPaper;

    public PaperWriter(SqliteConnection connection, SqliteTransaction tx, DateTimeOffset now)
    {
        _connection = connection;
        _tx = tx;
        _now = now.ToString("O");
        _findKey = Command("SELECT k.paper_id, p.seq FROM paper_keys k JOIN papers p ON p.id = k.paper_id WHERE k.key = $key");
        _findKey.Parameters.Add("$key", SqliteType.Text);
        _insertKey = Command("INSERT OR REPLACE INTO paper_keys(key, paper_id) VALUES ($key, $paper)");
        _insertKey.Parameters.Add("$key", SqliteType.Text);
        _insertKey.Parameters.Add("$paper", SqliteType.Text);
        _insertSource = Command("INSERT OR REPLACE INTO sources(file, line, paper_id, record_json) VALUES ($file, $line, $paper, $json)");
        _insertSource.Parameters.Add("$file", SqliteType.Text);
        _insertSource.Parameters.Add("$line", SqliteType.Integer);
        _insertSource.Parameters.Add("$paper", SqliteType.Text);
        _insertSource.Parameters.Add("$json", SqliteType.Text);
        // An empty content hash marks a paper created in this run and not yet written (see Recompute).
        _createPaper = Command("""
            INSERT OR IGNORE INTO papers(id, title, abstract, content_hash, first_seen, updated_at)
            VALUES ($id, '', '', '', $now, $now) RETURNING seq
            """);
        _createPaper.Parameters.Add("$id", SqliteType.Text);
        _createPaper.Parameters.AddWithValue("$now", _now);
    }

    public List<IngestConflict> Conflicts { get; } = [];

    // Files written in this run: a conflict is reported once, by the run that brought the overruled record.
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>
    /// Databases from before schema 10 knew a file by its name relative to the folder it was ingested from, or by its
    /// base name. Such a legacy name becomes this file's identity when it is surely the same file: the same bytes, or
    /// a file in the configured corpus folder (where the old names came from), ending in the legacy name.
    /// </summary>
    public void AdoptLegacyName(SpooledFile file, string corpusFolder)
    {
        using (var known = Prepared("SELECT 1 FROM ingested_files WHERE file = $file", ("$file", file.Name)).ExecuteReader())
        {
            if (known.Read())
            {
                return;
            }
        }
        string? legacy = null;
        using (var reader = Prepared("SELECT file, sha256 FROM ingested_files WHERE legacy = 1").ExecuteReader())
        {
            var inCorpus = IsUnder(corpusFolder, file.FullPath);
            while (reader.Read())
            {
                var name = reader.GetString(0);
                var matches = file.Name == name || file.Name.EndsWith("/" + name, StringComparison.Ordinal);
                if (matches && (reader.GetString(1) == file.Sha256 || inCorpus) && (legacy is null || name.Length > legacy.Length))
                {
                    legacy = name;
                }
            }
        }
        if (legacy is null)
        {
            return;
        }
        Execute("UPDATE sources SET file = $new WHERE file = $old", ("$new", file.Name), ("$old", legacy));
        Execute("UPDATE ingested_files SET file = $new, legacy = 0 WHERE file = $old", ("$new", file.Name), ("$old", legacy));
    }

    private static bool IsUnder(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !relative.StartsWith("..\\", StringComparison.Ordinal)
            && !Path.IsPathRooted(relative);
    }

    public void ReplaceFile(SpooledFile file, List<SpooledRecord> parsed)
    {
        _written.Add(file.Name);
        using (var previous = Command("SELECT DISTINCT p.seq FROM sources s JOIN papers p ON p.id = s.paper_id WHERE s.file = $file"))
        {
            previous.Parameters.AddWithValue("$file", file.Name);
            using var reader = previous.ExecuteReader();
            while (reader.Read())
            {
                _affected.Add(reader.GetInt64(0));
            }
        }
        Execute("DELETE FROM sources WHERE file = $file", ("$file", file.Name));

        foreach (var record in parsed)
        {
            var keys = record.Keys.ToList();
            var (paper, unowned) = OwnerOf(keys);
            paper ??= CreatePaper(keys[^1]);
            foreach (var key in unowned)
            {
                _insertKey.Parameters["$key"].Value = key;
                _insertKey.Parameters["$paper"].Value = paper.Value.Id;
                _insertKey.ExecuteNonQuery();
            }
            _insertSource.Parameters["$file"].Value = record.File;
            _insertSource.Parameters["$line"].Value = record.Line;
            _insertSource.Parameters["$paper"].Value = paper.Value.Id;
            _insertSource.Parameters["$json"].Value = record.Json;
            _insertSource.ExecuteNonQuery();
            _affected.Add(paper.Value.Seq);
            _recordPapers.Add(paper.Value.Seq);
            _recordsWritten++;
        }

        // arrival orders listings by when they first came: the earlier listing's title and abstract stand (RecordMerger).
        Execute("""
            INSERT INTO ingested_files(file, sha256, parser_version, records, ingested_at, arrival, legacy)
            VALUES ($file, $sha, $version, $records, $now, (SELECT COALESCE(MAX(arrival), 0) + 1 FROM ingested_files), 0)
            ON CONFLICT(file) DO UPDATE SET sha256 = excluded.sha256, parser_version = excluded.parser_version,
                records = excluded.records, ingested_at = excluded.ingested_at, legacy = 0
            """,
            ("$file", file.Name), ("$sha", file.Sha256), ("$version", ListingParser.Version),
            ("$records", parsed.Count), ("$now", _now));
    }

    public (int TotalPapers, int New, int Updated, int Removed, int RecordsWritten, int DistinctPapersWritten) Finish()
    {
        int updated = 0, removed = 0, created = 0;
        // In seq order, so the papers table and the full-text index are written front to back.
        foreach (var seq in _affected.Order())
        {
            switch (Recompute(seq))
            {
                case Change.Created: created++; break;
                case Change.Updated: updated++; break;
                case Change.Removed: removed++; break;
            }
        }
        using var count = Command("SELECT COUNT(*) FROM papers");
        var total = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return (total, created, updated, removed, _recordsWritten, _recordPapers.Count);
    }

    /// <summary>How many papers define each acronym pair (table acronym_uses), counted again in one pass.</summary>
    public void RecountAcronymUses()
    {
        Execute("DELETE FROM acronym_uses");
        Execute("INSERT INTO acronym_uses (short, long_key, uses) SELECT short, long_key, COUNT(*) FROM paper_acronyms GROUP BY short, long_key");
    }

    public void RecordRun(IngestReport report, DateTimeOffset finished) =>
        Execute("INSERT INTO ingest_runs(started_at, finished_at, report_json) VALUES ($s, $f, $r)",
            ("$s", _now), ("$f", finished.ToString("O")), ("$r", PaperJson.Serialize(report)));

    private static List<string> KeysOf(ListingRecord record)
    {
        var keys = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(record.Title))
        {
            keys.Add(PaperKeys.TitleKey(record.Title));
        }
        keys.Add(PaperKeys.AbstractKey(record.Abstract));
        return keys;
    }

    /// <summary>
    /// The paper owning any of the keys (when keys point at two papers they are one paper, merged into the
    /// older), and the keys no paper owns yet.
    /// </summary>
    private ((string Id, long Seq)? Owner, List<string> Unowned) OwnerOf(List<string> keys)
    {
        var owners = new List<(string Id, long Seq)>();
        var unowned = new List<string>();
        foreach (var key in keys)
        {
            _findKey.Parameters["$key"].Value = key;
            using var reader = _findKey.ExecuteReader();
            if (!reader.Read())
            {
                unowned.Add(key);
                continue;
            }
            var owner = (reader.GetString(0), reader.GetInt64(1));
            if (!owners.Contains(owner))
            {
                owners.Add(owner);
            }
        }
        if (owners.Count <= 1)
        {
            return (owners.Count == 0 ? null : owners[0], unowned);
        }
        if (TitledPapers(owners) > 1)
        {
            // The record's title is one paper's and its abstract another's, and both have titles of their own: a
            // later listing may not fold two papers into one. It joins the paper its title names; its abstract,
            // which differs from that paper's, is reported as a conflict and the key stays with its owner.
            return (owners[0], unowned);
        }
        var keep = OldestOf(owners);
        foreach (var other in owners.Where(o => o != keep))
        {
            Execute("UPDATE sources SET paper_id = $keep WHERE paper_id = $other", ("$keep", keep.Id), ("$other", other.Id));
            Execute("UPDATE paper_keys SET paper_id = $keep WHERE paper_id = $other", ("$keep", keep.Id), ("$other", other.Id));
            _affected.Add(other.Seq);
        }
        _affected.Add(keep.Seq);
        return (keep, unowned);
    }

    /// <summary>How many of the papers have a listing record with a title (an untitled abstract gives none).</summary>
    private int TitledPapers(List<(string Id, long Seq)> papers)
    {
        using var cmd = Command($"""
            SELECT COUNT(DISTINCT paper_id) FROM sources
            WHERE paper_id IN ({string.Join(",", papers.Select((_, i) => "$p" + i))}) AND coalesce(json_extract(record_json, '$.title'), '') <> ''
            """);
        for (var i = 0; i < papers.Count; i++)
        {
            cmd.Parameters.AddWithValue("$p" + i, papers[i].Id);
        }
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private (string Id, long Seq) OldestOf(List<(string Id, long Seq)> papers)
    {
        using var cmd = Command($"SELECT id, seq FROM papers WHERE seq IN ({string.Join(",", papers.Select(p => p.Seq))}) ORDER BY first_seen, seq LIMIT 1");
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.GetInt64(1));
    }

    private (string Id, long Seq) CreatePaper(string abstractKey)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = PaperKeys.ShortId(abstractKey, attempt);
            _createPaper.Parameters["$id"].Value = id;
            if (_createPaper.ExecuteScalar() is long seq)
            {
                return (id, seq);
            }
        }
    }

    private enum Change { None, Created, Updated, Removed }

    private Change Recompute(long seq)
    {
        string paperId, oldHash, firstSeen;
        using (var reader = Prepared("SELECT id, content_hash, first_seen FROM papers WHERE seq = $seq", ("$seq", seq)).ExecuteReader())
        {
            if (!reader.Read())
            {
                return Change.None;
            }
            (paperId, oldHash, firstSeen) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
        var created = oldHash.Length == 0;
        var records = new List<ListingRecord>();
        using (var reader = Prepared("""
            SELECT s.record_json FROM sources s LEFT JOIN ingested_files f ON f.file = s.file
            WHERE s.paper_id = $id ORDER BY COALESCE(f.arrival, 0), s.file, s.line
            """, ("$id", paperId)).ExecuteReader())
        {
            while (reader.Read())
            {
                records.Add(PaperJson.Deserialize<ListingRecord>(reader.GetString(0)));
            }
        }
        if (records.Count == 0)
        {
            Execute("DELETE FROM papers_fts WHERE rowid = $seq", ("$seq", seq));
            Execute("DELETE FROM papers WHERE id = $id", ("$id", paperId));
            return created ? Change.None : Change.Removed;
        }

        if (!created)
        {
            RekeyTo(paperId, records);
        }

        var overruled = new List<ListingRecord>();
        var paper = RecordMerger.Merge(paperId, records, DateTimeOffset.Parse(firstSeen, System.Globalization.CultureInfo.InvariantCulture), overruled);
        foreach (var record in overruled.Where(r => _written.Contains(r.File)))
        {
            var kept = records.First(r => string.Equals(r.Abstract, paper.Abstract, StringComparison.Ordinal));
            Conflicts.Add(new IngestConflict(record.File, record.Line, paperId, $"{kept.File} line {kept.Line}"));
        }
        var hash = ContentHash(paper);
        if (hash == oldHash)
        {
            return Change.None;
        }
        WritePaper(seq, paper, hash, created);
        return created ? Change.Created : Change.Updated;
    }

    /// <summary>
    /// Makes the paper own exactly its records' keys, writing only the difference: rewriting a million unchanged
    /// keys was the largest single cost of a large ingest. A paper created in this run needs none of this: every
    /// key of its records was found pointing at it, or added for it, when its records were written.
    /// </summary>
    private void RekeyTo(string paperId, List<ListingRecord> records)
    {
        var wanted = records.SelectMany(KeysOf).ToHashSet(StringComparer.Ordinal);
        var stale = new List<string>();
        using (var reader = Prepared("SELECT key FROM paper_keys WHERE paper_id = $id", ("$id", paperId)).ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetString(0);
                if (!wanted.Remove(key))
                {
                    stale.Add(key);
                }
            }
        }
        foreach (var key in stale)
        {
            Execute("DELETE FROM paper_keys WHERE key = $key", ("$key", key));
        }
        // A key another paper owns stays with it: a record joined this paper by its title while its abstract is
        // another paper's (see OwnerOf), and must not take that paper's abstract key away from it.
        foreach (var key in wanted.Order(StringComparer.Ordinal))
        {
            Execute("INSERT OR IGNORE INTO paper_keys(key, paper_id) VALUES ($key, $paper)", ("$key", key), ("$paper", paperId));
        }
    }

    /// <summary>Writes the merged paper and its indexed rows; a paper created in this run has none to delete first.</summary>
    private void WritePaper(long seq, Paper paper, string hash, bool created)
    {
        Execute("""
            UPDATE papers SET title = $title, title_derived = $derived, abstract = $abstract,
                authors_json = $authors, authors_complete = $complete, orgs_json = $orgs,
                date = $date, year_known = $yearKnown, date_sort = $dateSort, upvotes = $upvotes,
                n_authors = $nAuthors, category = $category, score = $score, has_code = $hasCode,
                links_json = $links, content_hash = $hash, text_hash = $textHash, updated_at = $now
            WHERE seq = $seq
            """,
            ("$title", paper.Title), ("$derived", paper.TitleDerived), ("$abstract", paper.Abstract),
            ("$authors", PaperJson.Serialize(paper.Authors)), ("$complete", paper.AuthorsComplete),
            ("$orgs", PaperJson.Serialize(paper.Orgs)), ("$date", paper.Date?.ToIso()),
            ("$yearKnown", paper.Date?.YearKnown), ("$dateSort", paper.Date?.SortKey), ("$upvotes", paper.Upvotes),
            ("$nAuthors", paper.AuthorCount), ("$category", paper.Category), ("$score", paper.Score),
            ("$hasCode", paper.HasCode), ("$links", PaperJson.Serialize(paper.Links)), ("$hash", hash),
            ("$textHash", Embeddings.EmbeddedText.Hash(paper.Title, paper.Abstract)),
            ("$now", _now), ("$seq", seq));

        if (!created)
        {
            Execute("DELETE FROM papers_fts WHERE rowid = $seq", ("$seq", seq));
            Execute("DELETE FROM paper_authors WHERE paper_id = $id", ("$id", paper.Id));
            Execute("DELETE FROM paper_orgs WHERE paper_id = $id", ("$id", paper.Id));
            Execute("DELETE FROM paper_acronyms WHERE paper_id = $id", ("$id", paper.Id));
        }
        Execute("INSERT INTO papers_fts(rowid, title, abstract, authors, orgs) VALUES ($seq, $t, $a, $au, $o)",
            ("$seq", seq), ("$t", paper.Title), ("$a", paper.Abstract),
            ("$au", string.Join(", ", paper.Authors)), ("$o", string.Join(", ", paper.Orgs)));
        for (var i = 0; i < paper.Authors.Count; i++)
        {
            Execute("INSERT INTO paper_authors(paper_id, position, name, name_key) VALUES ($id, $pos, $name, $key)",
                ("$id", paper.Id), ("$pos", i), ("$name", paper.Authors[i]), ("$key", IngestService.NameKey(paper.Authors[i])));
        }
        foreach (var org in paper.Orgs)
        {
            Execute("INSERT OR IGNORE INTO paper_orgs(paper_id, name, name_key) VALUES ($id, $name, $key)",
                ("$id", paper.Id), ("$name", org), ("$key", IngestService.NameKey(org)));
        }
        foreach (var acronym in Retrieval.AcronymMiner.Mine(paper.Title + ". " + paper.Abstract))
        {
            Execute("INSERT OR IGNORE INTO paper_acronyms(paper_id, short, long_form, long_key) VALUES ($id, $short, $long, $key)",
                ("$id", paper.Id), ("$short", acronym.ShortKey), ("$long", acronym.LongForm), ("$key", acronym.LongKey));
        }
    }

    private static string ContentHash(Paper paper)
    {
        var json = PaperJson.Serialize(paper with { Sources = [], FirstSeen = null });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>Runs a statement, keeping one prepared command per SQL text for the whole run: at hundreds of
    /// thousands of papers, re-preparing the same few statements for every paper was most of the ingest time.</summary>
    private void Execute(string sql, params (string Name, object? Value)[] parameters) =>
        Prepared(sql, parameters).ExecuteNonQuery();

    /// <summary>The run's prepared command for this SQL text with the parameters bound; owned by the writer, not the caller.</summary>
    private SqliteCommand Prepared(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var cmd))
        {
            cmd = Command(sql);
            _prepared[sql] = cmd;
        }
        cmd.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd;
    }

    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (var cmd in _prepared.Values)
        {
            cmd.Dispose();
        }
        _findKey.Dispose();
        _insertKey.Dispose();
        _insertSource.Dispose();
        _createPaper.Dispose();
    }
}
