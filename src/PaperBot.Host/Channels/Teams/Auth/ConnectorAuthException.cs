namespace PaperBot.Host.Channels.Teams.Auth;

/// <summary>The bot could not obtain a token to call the connector (wrong secret, tenant, or endpoint).</summary>
public sealed class ConnectorAuthException : Exception
{
    public ConnectorAuthException()
    {
    }

    public ConnectorAuthException(string message)
        : base(message)
    {
    }

    public ConnectorAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
