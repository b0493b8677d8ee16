using System.ComponentModel.DataAnnotations;

namespace PaperBot.Host.Channels.Discord;

/// <summary>The gateway connection that brings mentions and DMs (<c>Discord:Gateway:*</c>).</summary>
public sealed class DiscordGatewayOptions
{
    public bool Enabled { get; set; }

    /// <summary>Fixed gateway URL (tests, proxies); when empty it is fetched from <c>GET /gateway/bot</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>Pause before reconnecting after a drop; doubled on each failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait before a fresh Identify after an Invalid Session (Discord suggests 1–5 s).</summary>
    public TimeSpan InvalidSessionDelay { get; set; } = TimeSpan.FromSeconds(3);

    [Range(1, 64)]
    public int ConcurrentMessages { get; set; } = 4;
}
