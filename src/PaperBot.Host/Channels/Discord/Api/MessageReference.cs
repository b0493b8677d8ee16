namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>Makes a message a reply; <see cref="FailIfNotExists"/> false posts it anyway if the question was deleted.</summary>
public sealed record MessageReference(string MessageId, string? ChannelId = null, string? GuildId = null, bool FailIfNotExists = false);
