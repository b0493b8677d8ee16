using Npgsql;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>
/// Conversation references in PostgreSQL (<c>conversation_references</c>, PostgreSQL migration 3), shared by every
/// replica: the replica that posts a digest or a late answer is often not the one that heard the conversation.
/// </summary>
public sealed class PostgresConversationReferenceStore(PostgresDatabase database, TimeProvider timeProvider) : IConversationReferenceStore
{
    public void Upsert(ConversationReference reference)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            INSERT INTO conversation_references (channel, conversation_id, service_url, conversation_type, tenant_id, team_id,
                channel_thread_id, bot_id, bot_name, user_id, user_name, user_aad_object_id, last_activity_id, locale,
                active, inactive_reason, created_at, updated_at)
            VALUES (@channel, @conversation, @serviceUrl, @type, @tenant, @team, @thread, @bot, @botName, @user, @userName,
                @aad, @activity, @locale, true, NULL, @now, @now)
            ON CONFLICT (channel, conversation_id) DO UPDATE SET
                service_url = excluded.service_url,
                conversation_type = coalesce(excluded.conversation_type, conversation_references.conversation_type),
                tenant_id = coalesce(excluded.tenant_id, conversation_references.tenant_id),
                team_id = coalesce(excluded.team_id, conversation_references.team_id),
                channel_thread_id = coalesce(excluded.channel_thread_id, conversation_references.channel_thread_id),
                bot_id = excluded.bot_id,
                bot_name = coalesce(excluded.bot_name, conversation_references.bot_name),
                user_id = coalesce(excluded.user_id, conversation_references.user_id),
                user_name = coalesce(excluded.user_name, conversation_references.user_name),
                user_aad_object_id = coalesce(excluded.user_aad_object_id, conversation_references.user_aad_object_id),
                last_activity_id = coalesce(excluded.last_activity_id, conversation_references.last_activity_id),
                locale = coalesce(excluded.locale, conversation_references.locale),
                active = true,
                inactive_reason = NULL,
                updated_at = excluded.updated_at
            """, connection);
        cmd.Parameters.AddWithValue("channel", reference.ChannelId);
        cmd.Parameters.AddWithValue("conversation", reference.ConversationId);
        cmd.Parameters.AddWithValue("serviceUrl", reference.ServiceUrl);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("type", reference.ConversationType));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("tenant", reference.TenantId));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("team", reference.TeamId));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("thread", reference.ChannelThreadId));
        cmd.Parameters.AddWithValue("bot", reference.BotId);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("botName", reference.BotName));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("user", reference.UserId));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("userName", reference.UserName));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("aad", reference.UserAadObjectId));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("activity", reference.LastActivityId));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("locale", reference.Locale));
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow().ToUniversalTime());
        cmd.ExecuteNonQuery();
    }

    public bool MarkInactive(string channelId, string conversationId, string reason)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            UPDATE conversation_references SET active = false, inactive_reason = @reason, updated_at = @now
            WHERE channel = @channel AND conversation_id = @conversation
            """, connection);
        cmd.Parameters.AddWithValue("channel", channelId);
        cmd.Parameters.AddWithValue("conversation", conversationId);
        cmd.Parameters.AddWithValue("reason", reason.Length <= 500 ? reason : reason[..500]);
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow().ToUniversalTime());
        return cmd.ExecuteNonQuery() > 0;
    }

    public ConversationReference? Get(string channelId, string conversationId)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand(ConversationReferenceRow.SelectColumns + " WHERE channel = @channel AND conversation_id = @conversation", connection);
        cmd.Parameters.AddWithValue("channel", channelId);
        cmd.Parameters.AddWithValue("conversation", conversationId);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ConversationReferenceRow.Read(reader) : null;
    }

    public IReadOnlyList<ConversationReference> List(string channelId)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand(ConversationReferenceRow.SelectColumns + " WHERE channel = @channel ORDER BY active DESC, updated_at DESC", connection);
        cmd.Parameters.AddWithValue("channel", channelId);
        using var reader = cmd.ExecuteReader();
        var list = new List<ConversationReference>();
        while (reader.Read())
        {
            list.Add(ConversationReferenceRow.Read(reader));
        }
        return list;
    }
}
