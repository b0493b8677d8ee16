namespace PaperBot.Host.Channels.Teams.Connector;

/// <summary>What happened to one send: the new activity id, or why it failed (status and the connector's words).</summary>
public sealed record ConnectorSendResult(ConnectorSendStatus Status, string? ActivityId = null, int? HttpStatus = null, string? Detail = null)
{
    public bool Succeeded => Status == ConnectorSendStatus.Sent;
}
