using System.Text.Json;

namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>The gateway envelope; <see cref="S"/> and <see cref="T"/> are set only on dispatches (op 0).</summary>
public sealed record GatewayPayload
{
    public GatewayOpCode Op { get; init; }
    public JsonElement? D { get; init; }
    public int? S { get; init; }
    public string? T { get; init; }
}
