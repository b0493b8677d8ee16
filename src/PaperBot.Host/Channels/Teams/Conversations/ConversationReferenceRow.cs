using System.Data.Common;
using System.Globalization;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>A <c>conversation_references</c> row, selected in the column order both stores use, read the same way from SQLite and PostgreSQL.</summary>
internal static class ConversationReferenceRow
{
    public const string SelectColumns = """
        SELECT channel, conversation_id, service_url, conversation_type, tenant_id, team_id, channel_thread_id, bot_id, bot_name,
            user_id, user_name, user_aad_object_id, last_activity_id, locale, active, inactive_reason, updated_at
        FROM conversation_references
        """;

    public static ConversationReference Read(DbDataReader r) => new()
    {
        ChannelId = r.GetString(0),
        ConversationId = r.GetString(1),
        ServiceUrl = r.GetString(2),
        ConversationType = StoredColumns.StringOrNull(r, 3),
        TenantId = StoredColumns.StringOrNull(r, 4),
        TeamId = StoredColumns.StringOrNull(r, 5),
        ChannelThreadId = StoredColumns.StringOrNull(r, 6),
        BotId = r.GetString(7),
        BotName = StoredColumns.StringOrNull(r, 8),
        UserId = StoredColumns.StringOrNull(r, 9),
        UserName = StoredColumns.StringOrNull(r, 10),
        UserAadObjectId = StoredColumns.StringOrNull(r, 11),
        LastActivityId = StoredColumns.StringOrNull(r, 12),
        Locale = StoredColumns.StringOrNull(r, 13),
        Active = StoredColumns.Boolean(r, 14),
        InactiveReason = StoredColumns.StringOrNull(r, 15),
        // SQLite keeps it as the "O" text it was written with (offset and all), PostgreSQL as timestamptz.
        UpdatedAt = r.GetFieldType(16) == typeof(string)
            ? DateTimeOffset.Parse(r.GetString(16), CultureInfo.InvariantCulture)
            : r.GetFieldValue<DateTimeOffset>(16),
    };
}
