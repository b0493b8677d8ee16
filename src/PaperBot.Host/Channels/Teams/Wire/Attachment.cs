using System.Text.Json.Nodes;

namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>An activity attachment, e.g. an Adaptive Card (<c>application/vnd.microsoft.card.adaptive</c>).</summary>
public sealed record Attachment(string ContentType, JsonNode? Content);
