using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Conversations;

/// <summary>
/// Conversation history in SQLite (migration 2), one conversation per channel + thread or user. Every write also
/// applies the retention limits, so history never grows without bound.
/// </summary>
public sealed class ConversationStore(SqliteConnectionFactory database, TimeProvider time, IOptions<ConversationOptions> options) : IConversationStore
{
    public void Append(string conversationId, string question, string standaloneQuestion, string answer, IReadOnlyList<CitedPaper> cited)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO conversation_turns (conversation_id, at, question, standalone_question, answer, cited_json)
                VALUES ($conversation, $at, $question, $standalone, $answer, $cited);
                """;
            insert.Parameters.AddWithValue("$conversation", conversationId);
            insert.Parameters.AddWithValue("$at", Stamp(now));
            insert.Parameters.AddWithValue("$question", question);
            insert.Parameters.AddWithValue("$standalone", standaloneQuestion);
            insert.Parameters.AddWithValue("$answer", answer);
            insert.Parameters.AddWithValue("$cited", JsonSerializer.Serialize(cited));
            insert.ExecuteNonQuery();
        }
        using (var prune = connection.CreateCommand())
        {
            prune.Transaction = tx;
            prune.CommandText = """
                DELETE FROM conversation_turns WHERE at < $oldest;
                DELETE FROM conversation_turns WHERE conversation_id = $conversation AND id NOT IN
                    (SELECT id FROM conversation_turns WHERE conversation_id = $conversation ORDER BY id DESC LIMIT $keep);
                """;
            prune.Parameters.AddWithValue("$oldest", Stamp(Oldest(now)));
            prune.Parameters.AddWithValue("$conversation", conversationId);
            prune.Parameters.AddWithValue("$keep", options.Value.MaxTurns);
            prune.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>The conversation's turns within the retention limits, oldest first; at most <paramref name="take"/>.</summary>
    public IReadOnlyList<ConversationTurn> Recent(string conversationId, int take)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT at, question, standalone_question, answer, cited_json FROM conversation_turns
            WHERE conversation_id = $conversation AND at >= $oldest
            ORDER BY id DESC LIMIT $take;
            """;
        cmd.Parameters.AddWithValue("$conversation", conversationId);
        cmd.Parameters.AddWithValue("$oldest", Stamp(Oldest(time.GetUtcNow())));
        cmd.Parameters.AddWithValue("$take", Math.Min(take, options.Value.MaxTurns));
        using var reader = cmd.ExecuteReader();
        var turns = new List<ConversationTurn>();
        while (reader.Read())
        {
            turns.Add(new ConversationTurn(
                conversationId,
                DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
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
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM conversation_turns WHERE conversation_id = $conversation;";
        cmd.Parameters.AddWithValue("$conversation", conversationId);
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private DateTimeOffset Oldest(DateTimeOffset now) => now - TimeSpan.FromHours(options.Value.MaxAgeHours);

    // Fixed-width UTC stamps compare correctly as text.
    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
