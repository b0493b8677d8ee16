namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>What a failed Discord request may be repeated after without risking a second message.</summary>
public enum DiscordRepeat
{
    /// <summary>Only what certainly never reached Discord: a 429 (refused before processing) and a connection never made.
    /// A create without an enforced nonce (an interaction follow-up) may not be repeated after anything else.</summary>
    IfNotSent,

    /// <summary>Also a 5xx answer, which Discord gives before it saves a webhook execution. A timeout or a connection
    /// dropped mid-request is still not repeated: the message may have landed.</summary>
    IfRefused,

    /// <summary>Any transient failure, timeouts included: repeating lands on the same state (GET, PUT, PATCH, DELETE,
    /// or a create carrying an enforced nonce).</summary>
    Always,
}
