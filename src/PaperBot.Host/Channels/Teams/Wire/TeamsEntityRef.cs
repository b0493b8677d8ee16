namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>An id (and maybe a name) of a tenant, team or channel inside <see cref="TeamsChannelData"/>.</summary>
public sealed record TeamsEntityRef(string? Id, string? Name = null);
