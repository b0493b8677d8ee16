namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>What the interactions endpoint answers inline: PONG, a deferral, or an immediate message.</summary>
public sealed record InteractionResponse(InteractionCallbackType Type, OutgoingMessage? Data = null);
