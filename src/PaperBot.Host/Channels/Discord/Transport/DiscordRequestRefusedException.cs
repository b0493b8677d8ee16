namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>Raised before a request is sent when sending it would only add to Discord's count of invalid requests.</summary>
public sealed class DiscordRequestRefusedException : Exception
{
    public DiscordRequestRefusedException()
    {
    }

    public DiscordRequestRefusedException(string message) : base(message)
    {
    }

    public DiscordRequestRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
