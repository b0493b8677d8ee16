namespace PaperBot.Host.Channels.Teams.Conversations;

public enum ProactiveSendStatus
{
    Sent,
    /// <summary>No stored reference: the bot was never installed there or spoken to.</summary>
    UnknownConversation,
    /// <summary>Marked inactive earlier (removed, uninstalled, blocked); nothing was sent.</summary>
    Inactive,
    /// <summary>The connector answered 403, or 404 ConversationNotFound, now; the conversation has just been marked inactive.</summary>
    Removed,
    /// <summary>Certainly not posted: the connector refused it or could not be reached.</summary>
    Failed,
    /// <summary>The request went out but no answer came (timeout, dropped connection): it may have been posted.</summary>
    InDoubt,
}
