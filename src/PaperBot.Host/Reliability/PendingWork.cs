namespace PaperBot.Host.Reliability;

/// <summary>Acknowledged work not yet finished when the previous process stopped.</summary>
public sealed record PendingWork(string Channel, string Id, DateTimeOffset ReceivedAt, string Payload);
