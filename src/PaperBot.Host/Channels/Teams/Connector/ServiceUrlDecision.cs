namespace PaperBot.Host.Channels.Teams.Connector;

/// <summary>Whether a service URL may be called, and whether the bot's token may be sent to it.</summary>
public sealed record ServiceUrlDecision(bool Allowed, bool AttachToken, string Reason)
{
    public static ServiceUrlDecision Refused(string reason) => new(false, false, reason);
}
