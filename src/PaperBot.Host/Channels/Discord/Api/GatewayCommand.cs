using System.Text.Json.Serialization;

namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>A payload PaperBot sends on the gateway; <see cref="D"/> is written even when null (first heartbeat).</summary>
public sealed record GatewayCommand(GatewayOpCode Op, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? D);
