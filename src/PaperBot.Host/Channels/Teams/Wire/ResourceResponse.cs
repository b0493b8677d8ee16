namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>What the connector answers to a send: the new activity's id.</summary>
public sealed record ResourceResponse(string? Id);
