namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>A user or bot: <c>29:…</c> ids for users, <c>28:{appId}</c> for bots.</summary>
public sealed record ChannelAccount(string? Id, string? Name = null, string? AadObjectId = null);
