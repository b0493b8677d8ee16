namespace PaperBot.Host.Channels.Teams.Connector;

public enum ConnectorSendStatus
{
    Sent,
    /// <summary>403: the bot was removed from the conversation or blocked; do not try again.</summary>
    ConversationGone,
    /// <summary>The service URL is not allow-listed (or not loopback in development); nothing was sent.</summary>
    ServiceUrlRefused,
    /// <summary>The connector refused our token or we could not get one.</summary>
    Unauthorized,
    /// <summary>Any other failure, after retries.</summary>
    Failed,
}
