using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Conversations;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// Conversation history in PostgreSQL, shared by every replica, with the same retention limits as the SQLite store:
/// each write prunes turns older than the age limit and all but the newest turns of its conversation.
/// </summary>
public sealed class PostgresConversationStore(PostgresDatabase database, TimeProvider time, IOptions<ConversationOptions> options) : IConversationStore
{
    public void Append(string conversationId, string question, string standaloneQuestion, string answer, IReadOnlyList<CitedPaper> cited)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        using (var insert = new NpgsqlCommand("""
            INSERT INTO conversation_turns (conversation_id, at, question, standalone_question, answer, cited_json)
            VALUES (@conversation, @at, @question, @standalone, @answer, @cited)
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("conversation", conversationId);
            insert.Parameters.AddWithValue("at", now.UtcDateTime);
            insert.Parameters.AddWithValue("question", question);
            insert.Parameters.AddWithValue("standalone", standaloneQuestion);
            insert.Parameters.AddWithValue("answer", answer);
            insert.Parameters.AddWithValue("cited", JsonSerializer.Serialize(cited));
            insert.ExecuteNonQuery();
        }
        using (var prune = new NpgsqlCommand("""
            DELETE FROM conversation_turns WHERE at < @oldest;
            DELETE FROM conversation_turns WHERE conversation_id = @conversation AND id NOT IN
                (SELECT id FROM conversation_turns WHERE conversation_id = @conversation ORDER BY id DESC LIMIT @keep);
            """, connection, tx))
        {
            prune.Parameters.AddWithValue("oldest", Oldest(now).UtcDateTime);
            prune.Parameters.AddWithValue("conversation", conversationId);
            prune.Parameters.AddWithValue("keep", options.Value.MaxTurns);
            prune.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public IReadOnlyList<ConversationTurn> Recent(string conversationId, int take)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            SELECT at, question, standalone_question, answer, cited_json FROM conversation_turns
            WHERE conversation_id = @conversation AND at >= @oldest
            ORDER BY id DESC LIMIT @take
            """, connection);
        cmd.Parameters.AddWithValue("conversation", conversationId);
        cmd.Parameters.AddWithValue("oldest", Oldest(time.GetUtcNow()).UtcDateTime);
        cmd.Parameters.AddWithValue("take", Math.Min(take, options.Value.MaxTurns));
        using var reader = cmd.ExecuteReader();
        var turns = new List<ConversationTurn>();
        while (reader.Read())
        {
            turns.Add(new ConversationTurn(
                conversationId,
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                JsonSerializer.Deserialize<List<CitedPaper>>(reader.GetString(4)) ?? []));
        }
        turns.Reverse();
        return turns;
    }

    public int CountTurns(string conversationId)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("SELECT count(*) FROM conversation_turns WHERE conversation_id = @conversation", connection);
        cmd.Parameters.AddWithValue("conversation", conversationId);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private DateTimeOffset Oldest(DateTimeOffset now) => now - TimeSpan.FromHours(options.Value.MaxAgeHours);
}
