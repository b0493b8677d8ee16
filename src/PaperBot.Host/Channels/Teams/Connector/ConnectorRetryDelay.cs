using System.Net;
using PaperBot.Core.Http;

namespace PaperBot.Host.Channels.Teams.Connector;

/// <summary>
/// Which connector answers are worth retrying (Teams documents 429, 412, 502 and 504) and how long to wait:
/// the Retry-After header when present (seconds or an HTTP date), capped so a bad header cannot stall a turn.
/// </summary>
public static class ConnectorRetryDelay
{
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    /// <summary>The wait the response asks for, or null to use the exponential backoff.</summary>
    public static TimeSpan? FromRetryAfter(HttpResponseMessage? response, DateTimeOffset now, TimeSpan max) =>
        RetryAfter.Capped(RetryAfter.FromHeader(response, now), max);
}
