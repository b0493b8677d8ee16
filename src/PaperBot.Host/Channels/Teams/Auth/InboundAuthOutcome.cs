namespace PaperBot.Host.Channels.Teams.Auth;

public enum InboundAuthOutcome
{
    /// <summary>A valid Bot Connector token: replies may carry the bot's token to the activity's service URL.</summary>
    Authenticated,
    /// <summary>No app id configured and no token sent: local development; replies go to loopback only, unauthenticated.</summary>
    Anonymous,
    Rejected,
}
