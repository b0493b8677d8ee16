using System.Net;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>Discord answered with an error; <see cref="Code"/> is its JSON error code (10062 unknown interaction, …).</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException()
    {
    }

    public DiscordApiException(string message) : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DiscordApiException(HttpStatusCode status, int? code, string message) : base(message)
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode Status { get; }

    public int? Code { get; }
}
