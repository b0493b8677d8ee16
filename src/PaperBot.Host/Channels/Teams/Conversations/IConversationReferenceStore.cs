namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>
/// Where the bot may post without being spoken to: one reference per conversation, in the SQLite file
/// (<see cref="ConversationReferenceStore"/>) or, with <c>Storage:Provider=Postgres</c>, in PostgreSQL
/// (<see cref="PostgresConversationReferenceStore"/>), so a replica can post to a conversation another replica heard.
/// </summary>
public interface IConversationReferenceStore
{
    /// <summary>Records (or refreshes) a conversation the bot is in; speaking again makes an inactive one active.</summary>
    void Upsert(ConversationReference reference);

    /// <summary>The bot was removed, uninstalled or blocked: stop posting there until someone speaks to it again.</summary>
    bool MarkInactive(string channelId, string conversationId, string reason);

    ConversationReference? Get(string channelId, string conversationId);

    /// <summary>Every stored conversation of a channel, active ones first (what a digest would post to).</summary>
    IReadOnlyList<ConversationReference> List(string channelId);
}
