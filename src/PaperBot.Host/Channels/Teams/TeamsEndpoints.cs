using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Wire;
using PaperBot.Host.Server;

namespace PaperBot.Host.Channels.Teams;

/// <summary><c>POST /api/messages</c>: the Bot Framework messaging endpoint set on the Azure Bot resource.</summary>
public static class TeamsEndpoints
{
    public const string MessagesPath = "/api/messages";

    /// <summary>Activities are a few KB; anything far larger is refused before it is parsed.</summary>
    public const int MaxActivityBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapTeamsMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(MessagesPath, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, TeamsAdapter adapter, IOptions<TeamsOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!options.Value.AuthenticationEnabled && !IsDirectLoopback(context))
        {
            // Without Teams:AppId nothing is authenticated, so only a local emulator on this machine may talk to it.
            return Results.Problem("Teams is in local development mode (Teams:AppId is empty): only requests from this machine, not through a proxy, are accepted.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        if (await RequestBodyLimit.ReadAsync(context.Request, MaxActivityBodyBytes, cancellationToken) is not { } body)
        {
            return Results.Problem("The activity is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, TeamsJson.Options);
        }
        catch (JsonException ex)
        {
            return Results.Problem($"The body is not a Bot Framework activity: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return Results.Problem("The activity has no type.", statusCode: StatusCodes.Status400BadRequest);
        }
        InboundAuthResult result;
        try
        {
            result = await adapter.AcceptAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, Normalize(activity), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The endpoint's error boundary: an activity that cannot be accepted is refused with a retryable status, never a 500.
            loggers.CreateLogger(typeof(TeamsEndpoints)).LogError(ex, "Could not accept a {Type} activity", activity.Type);
            return Results.Problem("The activity could not be accepted; try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        // The connector wants a quick empty 200; the answer follows through the connector.
        return result.Accepted ? Results.Ok() : Results.Problem(result.Reason, statusCode: result.StatusCode);
    }

    /// <summary>
    /// Null entries in the activity's lists (never sent by the connector, but valid JSON) are dropped here, so the turn
    /// handler never meets a null mention, member or attachment.
    /// </summary>
    public static Activity Normalize(Activity activity) => activity with
    {
        MembersAdded = activity.MembersAdded?.Where(m => m is not null).ToList(),
        MembersRemoved = activity.MembersRemoved?.Where(m => m is not null).ToList(),
        Attachments = activity.Attachments?.Where(a => a is not null).ToList(),
        Entities = activity.Entities?.Where(e => e is not null).ToList(),
    };

    /// <summary>
    /// From a loopback address and carrying no forwarding header: a reverse proxy on the same machine connects from
    /// loopback too, but it relays requests from anywhere and says so in X-Forwarded-For or Forwarded.
    /// </summary>
    private static bool IsDirectLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded")
        && !context.Request.Headers.ContainsKey("X-Real-IP");
}
