using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Storage;

/// <summary>
/// Numbered migrations gated by <c>PRAGMA user_version</c>. Each runs once, in its own transaction, in order;
/// append new ones at the end and never edit one that has shipped.
/// </summary>
public static class SchemaMigrator
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "papers, sources, ingest runs, full-text index", """
            CREATE TABLE papers (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                title_derived INTEGER NOT NULL DEFAULT 0,
                abstract TEXT NOT NULL,
                authors_json TEXT NOT NULL DEFAULT '[]',
                authors_complete INTEGER,
                orgs_json TEXT NOT NULL DEFAULT '[]',
                date TEXT,
                year_known INTEGER,
                date_sort INTEGER,
                upvotes INTEGER,
                n_authors INTEGER,
                category TEXT,
                score REAL,
                has_code INTEGER,
                links_json TEXT NOT NULL DEFAULT '[]',
                content_hash TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX papers_date ON papers(date_sort);
            CREATE INDEX papers_first_seen ON papers(first_seen);

            -- Every title and abstract key a paper's records carry; a new record joins the paper that owns one of its keys.
            CREATE TABLE paper_keys (
                key TEXT PRIMARY KEY,
                paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE
            );
            CREATE INDEX paper_keys_paper ON paper_keys(paper_id);

            CREATE TABLE sources (
                file TEXT NOT NULL,
                line INTEGER NOT NULL,
                paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                record_json TEXT NOT NULL,
                PRIMARY KEY (file, line)
            );
            CREATE INDEX sources_paper ON sources(paper_id);

            CREATE TABLE paper_authors (
                paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                PRIMARY KEY (paper_id, position)
            );
            CREATE INDEX paper_authors_name ON paper_authors(name_key);

            CREATE TABLE paper_orgs (
                paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                PRIMARY KEY (paper_id, name_key)
            );
            CREATE INDEX paper_orgs_name ON paper_orgs(name_key);

            CREATE TABLE ingested_files (
                file TEXT PRIMARY KEY,
                sha256 TEXT NOT NULL,
                parser_version INTEGER NOT NULL,
                records INTEGER NOT NULL,
                ingested_at TEXT NOT NULL
            );

            CREATE TABLE ingest_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                report_json TEXT NOT NULL
            );

            -- rowid = papers.seq, so updates and deletes hit the index by key.
            CREATE VIRTUAL TABLE papers_fts USING fts5(
                title, abstract, authors, orgs,
                tokenize = 'porter unicode61 remove_diacritics 2'
            );
            -- Document frequencies of indexed (stemmed) terms, for IDF weights in relevance checks.
            CREATE VIRTUAL TABLE papers_vocab USING fts5vocab(papers_fts, 'row');
            """),
        new(2, "conversation turns, so follow-ups resolve against earlier answers", """
            CREATE TABLE conversation_turns (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_id TEXT NOT NULL,
                at TEXT NOT NULL,
                question TEXT NOT NULL,
                standalone_question TEXT NOT NULL,
                answer TEXT NOT NULL,
                -- The cited papers in citation order: [{"Id":..,"Title":..}], so "the second one" needs no join.
                cited_json TEXT NOT NULL DEFAULT '[]'
            );
            CREATE INDEX conversation_turns_conversation ON conversation_turns(conversation_id, id);
            CREATE INDEX conversation_turns_at ON conversation_turns(at);
            """),
        new(3, "conversation references for proactive channel messages (Teams)", """
            -- What a channel needs to post into a conversation later without being spoken to (the daily digest):
            -- where to send (service_url), as whom (bot_id), and whether the bot is still welcome there.
            CREATE TABLE conversation_references (
                channel TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                service_url TEXT NOT NULL,
                conversation_type TEXT,
                tenant_id TEXT,
                team_id TEXT,
                channel_thread_id TEXT,
                bot_id TEXT NOT NULL,
                bot_name TEXT,
                user_id TEXT,
                user_name TEXT,
                user_aad_object_id TEXT,
                last_activity_id TEXT,
                locale TEXT,
                active INTEGER NOT NULL DEFAULT 1,
                inactive_reason TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (channel, conversation_id)
            );
            """),
        new(4, "acronyms mined from the corpus, paper embeddings", """
            -- "Direct Preference Optimization (DPO)" in an abstract becomes (dpo, direct preference optimization), so a
            -- question in either form finds papers written in the other.
            CREATE TABLE IF NOT EXISTS paper_acronyms (
                paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                short TEXT NOT NULL,
                long_form TEXT NOT NULL,
                long_key TEXT NOT NULL,
                PRIMARY KEY (paper_id, short, long_key)
            );
            CREATE INDEX IF NOT EXISTS paper_acronyms_short ON paper_acronyms(short);
            CREATE INDEX IF NOT EXISTS paper_acronyms_long ON paper_acronyms(long_key);

            -- Vectors from the deployer's embedding service, one per paper and model; content_hash says which text
            -- they were computed from, so a changed paper is embedded again and an unchanged one never is.
            CREATE TABLE IF NOT EXISTS paper_embeddings (
                paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                model TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                dimensions INTEGER NOT NULL,
                vector BLOB NOT NULL,
                PRIMARY KEY (paper_id, model)
            );
            """),
        new(5, "digest subscriptions and the digest outbox", """
            CREATE TABLE digest_subscriptions (
                id TEXT PRIMARY KEY,
                target_kind TEXT NOT NULL,
                target_address TEXT NOT NULL,
                cron TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                keywords_json TEXT NOT NULL DEFAULT '[]',
                min_upvotes INTEGER NOT NULL DEFAULT 0,
                max_items INTEGER NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                origin TEXT NOT NULL,
                config_name TEXT UNIQUE,
                created_by TEXT,
                created_at TEXT NOT NULL,
                -- The latest due time already turned into a digest; due times up to here are never composed again.
                anchor_at TEXT NOT NULL,
                -- Papers first seen up to here were delivered (or there were none); moves only on confirmed delivery.
                covered_until TEXT NOT NULL,
                deactivated_at TEXT,
                deactivated_reason TEXT
            );
            CREATE INDEX digest_subscriptions_target ON digest_subscriptions(target_kind, target_address);

            -- One digest per (subscription, due time): the unique key is what makes a period's digest happen once.
            CREATE TABLE digest_outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                subscription_id TEXT NOT NULL REFERENCES digest_subscriptions(id) ON DELETE CASCADE,
                period_at TEXT NOT NULL,
                window_start TEXT NOT NULL,
                window_end TEXT NOT NULL,
                state TEXT NOT NULL,
                content_json TEXT NOT NULL,
                part_count INTEGER,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                claim_token TEXT,
                claimed_until TEXT,
                last_error TEXT,
                created_at TEXT NOT NULL,
                finished_at TEXT,
                UNIQUE (subscription_id, period_at)
            );
            CREATE INDEX digest_outbox_state ON digest_outbox(state, next_attempt_at);

            -- A part is 'sending' from just before its POST until the response is recorded as 'sent'.
            CREATE TABLE digest_outbox_parts (
                outbox_id INTEGER NOT NULL REFERENCES digest_outbox(id) ON DELETE CASCADE,
                part INTEGER NOT NULL,
                state TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                message_id TEXT,
                started_at TEXT NOT NULL,
                sent_at TEXT,
                PRIMARY KEY (outbox_id, part)
            );
            """),
        new(6, "saved corpus-vector models", """
            -- A cache: the latent semantic model trained for one state of the corpus (version), so a new process loads it
            -- instead of training it again. Rows for other versions are stale and deleted when a new one is saved.
            CREATE TABLE corpus_vector_models (
                version INTEGER PRIMARY KEY,
                saved_at TEXT NOT NULL,
                model BLOB NOT NULL
            );
            """),
        new(7, "acronym use counts", """
            -- How many papers define each (acronym, long form) pair, so a question's acronym finds its commonest long
            -- forms without counting paper_acronyms rows (tens of thousands per pair in a million papers). Recounted at
            -- the end of every ingest run that changed papers: one pass, where triggers on every row cost a third of
            -- the ingest time.
            CREATE TABLE acronym_uses (
                short TEXT NOT NULL,
                long_key TEXT NOT NULL,
                uses INTEGER NOT NULL,
                PRIMARY KEY (short, long_key)
            );
            CREATE INDEX acronym_uses_long ON acronym_uses(long_key);
            INSERT INTO acronym_uses (short, long_key, uses)
                SELECT short, long_key, COUNT(*) FROM paper_acronyms GROUP BY short, long_key;
            """),
        new(9, "accepted channel work: answers owed after a restart, and replays recognised", """
            -- Work a channel acknowledged (a deferred Discord interaction, a queued Teams activity) is written here before
            -- the acknowledgement goes out, so a restart resumes it. payload holds what is needed to redo the work and is
            -- cleared when the work is finished; the row stays for the replay window so the same interaction or activity
            -- id arriving again (a replayed signed request, a connector retry) is recognised and not answered twice.
            CREATE TABLE accepted_work (
                channel TEXT NOT NULL,
                id TEXT NOT NULL,
                received_at INTEGER NOT NULL, -- unix milliseconds
                payload TEXT,
                finished_at INTEGER,
                PRIMARY KEY (channel, id)
            ) WITHOUT ROWID;
            CREATE INDEX accepted_work_pending ON accepted_work(channel, received_at) WHERE payload IS NOT NULL;
            CREATE INDEX accepted_work_received ON accepted_work(received_at);
            """),
        new(10, "listing files known by their full identity, in the order they arrived", """
            -- Before 10 a file was known by its name relative to the folder it was ingested from, or by its base name,
            -- so another folder's file of the same name replaced its papers. Now the name is the path under the ingest
            -- root or an explicit source name. Old names are kept and marked legacy: the first ingest of the same file
            -- under its new name (the same bytes, or the corpus folder's file ending in that name) takes them over.
            ALTER TABLE ingested_files ADD COLUMN legacy INTEGER NOT NULL DEFAULT 0;
            -- Which listing came first decides whose title and abstract a paper keeps (RecordMerger).
            ALTER TABLE ingested_files ADD COLUMN arrival INTEGER NOT NULL DEFAULT 0;
            UPDATE ingested_files SET legacy = 1, arrival = rowid;
            CREATE INDEX ingested_files_legacy ON ingested_files(legacy) WHERE legacy = 1;
            """),
        new(11, "acronyms mined for papers stored before the acronym dictionary existed", "") { Code = AcronymBackfill.Run },
        new(12, "covering indexes for the count of papers without current vectors", """
            -- Which papers lack vectors for a model, or have vectors of an older text, is a join of every paper with its
            -- vector row. Without these the join reads each paper row and each vector row (several KB, most of it the
            -- vectors): 8.5 s at a million papers, paid by every one-shot ask. With them it reads two narrow indexes
            -- (0.5 s at a million).
            -- IF NOT EXISTS: tests that rebuild an older schema set user_version back and replay the later migrations.
            CREATE INDEX IF NOT EXISTS papers_id_hash ON papers(id, content_hash);
            CREATE INDEX IF NOT EXISTS paper_embeddings_hash ON paper_embeddings(paper_id, model, content_hash);
            """),
        new(13, "vectors keyed by the hash of the text they embed (papers.text_hash), so an upvote change embeds nothing", "")
        {
            Code = EmbeddedTextHashBackfill.Run,
        },
        new(14, "accepted work: whose hold is current, and whether its reply has started (replying_at, unix milliseconds)", "")
        {
            Code = AcceptedWorkHoldColumns.Run,
        },
    ];

    // Max, not the last entry: migrations from parallel branches may be appended out of numeric order.
    public static int LatestVersion => Migrations.Max(m => m.Version);

    public static void Migrate(SqliteConnection connection)
    {
        var current = CurrentVersion(connection);
        if (current > LatestVersion)
        {
            throw new SchemaTooNewException(current, LatestVersion);
        }
        foreach (var migration in Migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            using var tx = connection.BeginTransaction();
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Version};";
                cmd.ExecuteNonQuery();
            }
            migration.Code?.Invoke(connection, tx);
            tx.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
