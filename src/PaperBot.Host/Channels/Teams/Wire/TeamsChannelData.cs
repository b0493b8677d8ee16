namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>Teams' <c>channelData</c>: the tenant, and for channel conversations the team and channel.</summary>
public sealed record TeamsChannelData(TeamsEntityRef? Tenant = null, TeamsEntityRef? Team = null, TeamsEntityRef? Channel = null, string? EventType = null);
