namespace PaperBot.Host.Web;

/// <summary>The actions offered on one paper of a reply: their kinds and the payloads the page sends back to act.</summary>
public sealed record WebPaperActions(string PaperId, IReadOnlyList<string> Kinds, IReadOnlyList<string> Payloads);
