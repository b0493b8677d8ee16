using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Channels.Discord.Transport;
using PaperBot.Host.Server;

namespace PaperBot.Host.Channels.Discord;

/// <summary><c>POST /api/discord/interactions</c>: the Interactions Endpoint URL set in the Developer Portal.</summary>
public static class DiscordEndpoints
{
    public const string InteractionsPath = "/api/discord/interactions";

    /// <summary>Interactions are small JSON documents; anything far larger is not from Discord.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapDiscordEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(InteractionsPath, HandleInteractionAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleInteractionAsync(
        HttpContext context, IOptions<DiscordOptions> options, InteractionSignatureVerifier verifier, DiscordInteractionHandler handler, ILoggerFactory loggers)
    {
        if (!options.Value.Enabled || !verifier.IsConfigured)
        {
            return Results.Problem("Discord is not configured on this server (set Discord:ApplicationId and Discord:PublicKey).", statusCode: StatusCodes.Status404NotFound);
        }
        // The signature covers the exact bytes Discord sent, so read them before any JSON binding.
        var body = await RequestBodyLimit.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var headers = context.Request.Headers;
        if (!verifier.Verify(headers[InteractionSignatureVerifier.SignatureHeader], headers[InteractionSignatureVerifier.TimestampHeader], body))
        {
            // Discord sends invalid signatures on purpose to check this; it is routine, not an incident.
            loggers.CreateLogger(typeof(DiscordEndpoints)).LogDebug("Rejected a Discord interaction with a missing or invalid signature");
            return Results.Unauthorized();
        }
        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize<Interaction>(body, DiscordJson.Options);
        }
        catch (JsonException)
        {
            interaction = null;
        }
        if (interaction is null)
        {
            return Results.BadRequest("The body is not an interaction.");
        }
        if (DiscordInteractionHandler.Normalize(interaction) is not { } normalized)
        {
            return Results.BadRequest("The interaction has no id, or no token to answer it with.");
        }
        try
        {
            return Results.Json(handler.Handle(normalized, System.Text.Encoding.UTF8.GetString(body)), DiscordJson.Options);
        }
        catch (Exception e)
        {
            // The endpoint's error boundary: whatever a signed interaction holds, the user gets a notice, not a 500.
            loggers.CreateLogger(typeof(DiscordEndpoints)).LogError(e, "Discord interaction {Id} could not be handled", normalized.Id);
            return Results.Json(new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource,
                DiscordReplyRenderer.Notice(DiscordInteractionWorker.Apology, ephemeral: true)), DiscordJson.Options);
        }
    }
}
