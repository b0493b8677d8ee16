namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>What a gateway close code means for the next connection.</summary>
public static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;

    /// <summary>
    /// Reconnecting after these would fail the same way and burn Identify quota (4004 bad token, 4010 invalid shard,
    /// 4011 sharding required, 4012 invalid API version, 4013 invalid intents, 4014 disallowed intents).
    /// </summary>
    public static bool IsFatal(int code) => code is AuthenticationFailed or >= 4010 and <= 4014;

    /// <summary>The session cannot be resumed after these; the next connection identifies afresh.</summary>
    public static bool EndsSession(int code) => code is InvalidSequence or SessionTimedOut;
}
