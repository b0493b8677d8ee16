namespace PaperBot.Host.Channels.Teams.Auth;

/// <summary>The verdict on an inbound request: who sent it, or the status to refuse it with and why.</summary>
public sealed record InboundAuthResult(InboundAuthOutcome Outcome, int StatusCode, string Reason)
{
    public static InboundAuthResult Authenticated { get; } = new(InboundAuthOutcome.Authenticated, StatusCodes.Status200OK, "ok");

    public static InboundAuthResult Anonymous { get; } = new(InboundAuthOutcome.Anonymous, StatusCodes.Status200OK, "authentication disabled (no Teams:AppId)");

    public static InboundAuthResult Unauthorized(string reason) => new(InboundAuthOutcome.Rejected, StatusCodes.Status401Unauthorized, reason);

    public static InboundAuthResult Forbidden(string reason) => new(InboundAuthOutcome.Rejected, StatusCodes.Status403Forbidden, reason);

    public bool Accepted => Outcome != InboundAuthOutcome.Rejected;
}
