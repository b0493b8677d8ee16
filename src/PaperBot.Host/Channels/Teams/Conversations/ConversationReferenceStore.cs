using PaperBot.Core.Storage;

namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>Conversation references in SQLite (<c>conversation_references</c>, schema migration 3): one process.</summary>
public sealed class ConversationReferenceStore(SqliteConnectionFactory connections, TimeProvider timeProvider) : IConversationReferenceStore
{
    /// <summary>Records (or refreshes) a conversation the bot is in; speaking again makes an inactive one active.</summary>
    public void Upsert(ConversationReference reference)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO conversation_references (channel, conversation_id, service_url, conversation_type, tenant_id, team_id,
                channel_thread_id, bot_id, bot_name, user_id, user_name, user_aad_object_id, last_activity_id, locale,
                active, inactive_reason, created_at, updated_at)
            VALUES ($channel, $conversation, $serviceUrl, $type, $tenant, $team, $thread, $bot, $botName, $user, $userName,
                $aad, $activity, $locale, 1, NULL, $now, $now)
            ON CONFLICT (channel, conversation_id) DO UPDATE SET
                service_url = excluded.service_url,
                conversation_type = coalesce(excluded.conversation_type, conversation_type),
                tenant_id = coalesce(excluded.tenant_id, tenant_id),
                team_id = coalesce(excluded.team_id, team_id),
                channel_thread_id = coalesce(excluded.channel_thread_id, channel_thread_id),
                bot_id = excluded.bot_id,
                bot_name = coalesce(excluded.bot_name, bot_name),
                user_id = coalesce(excluded.user_id, user_id),
                user_name = coalesce(excluded.user_name, user_name),
                user_aad_object_id = coalesce(excluded.user_aad_object_id, user_aad_object_id),
                last_activity_id = coalesce(excluded.last_activity_id, last_activity_id),
                locale = coalesce(excluded.locale, locale),
                active = 1,
                inactive_reason = NULL,
                updated_at = excluded.updated_at;
            """;
        cmd.Parameters.AddWithValue("$channel", reference.ChannelId);
        cmd.Parameters.AddWithValue("$conversation", reference.ConversationId);
        cmd.Parameters.AddWithValue("$serviceUrl", reference.ServiceUrl);
        cmd.Parameters.AddWithValue("$type", (object?)reference.ConversationType ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$tenant", (object?)reference.TenantId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$team", (object?)reference.TeamId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$thread", (object?)reference.ChannelThreadId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$bot", reference.BotId);
        cmd.Parameters.AddWithValue("$botName", (object?)reference.BotName ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$user", (object?)reference.UserId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$userName", (object?)reference.UserName ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$aad", (object?)reference.UserAadObjectId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$activity", (object?)reference.LastActivityId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$locale", (object?)reference.Locale ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToString("O"));
        cmd.ExecuteNonQuery();
    }

    /// <summary>The bot was removed, uninstalled or blocked: stop posting there until someone speaks to it again.</summary>
    public bool MarkInactive(string channelId, string conversationId, string reason)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            UPDATE conversation_references SET active = 0, inactive_reason = $reason, updated_at = $now
            WHERE channel = $channel AND conversation_id = $conversation;
            """;
        cmd.Parameters.AddWithValue("$channel", channelId);
        cmd.Parameters.AddWithValue("$conversation", conversationId);
        cmd.Parameters.AddWithValue("$reason", reason.Length <= 500 ? reason : reason[..500]);
        cmd.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToString("O"));
        return cmd.ExecuteNonQuery() > 0;
    }

    public ConversationReference? Get(string channelId, string conversationId)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = ConversationReferenceRow.SelectColumns + " WHERE channel = $channel AND conversation_id = $conversation;";
        cmd.Parameters.AddWithValue("$channel", channelId);
        cmd.Parameters.AddWithValue("$conversation", conversationId);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ConversationReferenceRow.Read(reader) : null;
    }

    /// <summary>Every stored conversation of a channel, active ones first (what a digest would post to).</summary>
    public IReadOnlyList<ConversationReference> List(string channelId)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = ConversationReferenceRow.SelectColumns + " WHERE channel = $channel ORDER BY active DESC, updated_at DESC;";
        cmd.Parameters.AddWithValue("$channel", channelId);
        using var reader = cmd.ExecuteReader();
        var list = new List<ConversationReference>();
        while (reader.Read())
        {
            list.Add(ConversationReferenceRow.Read(reader));
        }
        return list;
    }
}
