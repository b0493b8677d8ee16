using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Conversations;
using PaperBot.Core.Presentation;
using PaperBot.Core.Storage;
using PaperBot.Host.Server;

namespace PaperBot.Host.Web;

/// <summary>
/// The page (<c>/</c>, and <c>/papers/ID</c> for a paper opened from it), its static files, the login form, the
/// streamed ask (<c>POST /api/web/ask</c>, server-sent events) and the paper view (<c>GET /api/web/papers/ID</c>).
/// Questions go to the same channel-neutral assistant and conversation service as Discord, Teams and <c>chat</c>.
/// </summary>
public static class WebEndpoints
{
    public const string AskPath = "/api/web/ask";
    public const string PapersApiPath = "/api/web/papers";
    public const string LoginPath = "/web/login";

    /// <summary>A question is at most a few KB; anything far larger is refused before it is read.</summary>
    public const int MaxAskBodyBytes = 64 * 1024;

    /// <summary>Conversations started on the page are kept apart from every other channel's.</summary>
    public const string ConversationPrefix = "web:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static IEndpointRouteBuilder MapWebEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", Page);
        endpoints.MapGet("/papers/{id}", (HttpContext context, WebAccess access, string id) => Page(context, access));
        endpoints.MapGet(WebAssets.ScriptPath, (HttpContext context) => WebAssets.File(context, "app.js", "text/javascript; charset=utf-8"));
        endpoints.MapGet(WebAssets.StylePath, (HttpContext context) => WebAssets.File(context, "app.css", "text/css; charset=utf-8"));
        endpoints.MapPost(LoginPath, LoginAsync);
        endpoints.MapPost(AskPath, AskAsync);
        endpoints.MapGet(PapersApiPath + "/{id}", PaperDetails);
        return endpoints;
    }

    private static IResult Page(HttpContext context, WebAccess access) => access.Check(context, out _) switch
    {
        null => WebAssets.File(context, "index.html", "text/html; charset=utf-8"),
        WebAccessDenial.NeedsToken => LoginPage(context, failed: false),
        var denial => Refused(context, denial.Value),
    };

    private static IResult LoginPage(HttpContext context, bool failed)
    {
        WebAssets.AddSecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        // The only text put into the template is ours; nothing the visitor sent is echoed.
        var html = WebAssets.Text("login.html").Replace("<!--error-->",
            failed ? "<p class=\"problem\" role=\"alert\">That token is not right. Ask whoever runs this PaperBot for it.</p>" : "", StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
    }

    private static IResult Refused(HttpContext context, WebAccessDenial denial)
    {
        WebAssets.AddSecurityHeaders(context.Response);
        return Results.Text(Explain(denial), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
    }

    private static string Explain(WebAccessDenial denial) => denial switch
    {
        WebAccessDenial.NeedsToken => "This PaperBot needs its access token: open the page and enter it, or send Authorization: Bearer TOKEN.",
        WebAccessDenial.NoProxyUser => "This PaperBot is reached through its sign-in proxy; this request did not come through it.",
        _ => "This PaperBot's web page answers only requests made on its own machine. Its operator can set Web:AccessToken "
            + "or Web:AuthenticatingProxyHeader to open it to others.",
    };

    private static async Task<IResult> LoginAsync(HttpContext context, WebAccess access, WebQuestionLimiter limiter, IOptions<WebOptions> options)
    {
        if (!options.Value.TokenRequired)
        {
            return Results.Redirect("/", permanent: false);
        }
        access.Check(context, out var user);
        if (!limiter.TryAcquire("login:" + user, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text(WebQuestionLimiter.SlowDownMessage(retryAfter), statusCode: StatusCodes.Status429TooManyRequests);
        }
        if (!context.Request.HasFormContentType)
        {
            return LoginPage(context, failed: true);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!access.IsValidToken(form["token"].ToString()))
        {
            return LoginPage(context, failed: true);
        }
        access.StartSession(context);
        return Results.Redirect("/", permanent: false); // 302 after POST: the browser fetches the page with GET
    }

    private static IResult PaperDetails(HttpContext context, string id, WebAccess access, PaperStore store)
    {
        if (access.Check(context, out _) is { } denial)
        {
            return Results.Json(new { message = Explain(denial) }, Json, statusCode: StatusCodes.Status401Unauthorized);
        }
        var paper = id.Length is > 0 and <= 64 ? store.Get(id) : null;
        return paper is null
            ? Results.Json(new { message = "There is no paper with that id." }, Json, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(WebPaper.From(paper), Json);
    }

    private static async Task AskAsync(HttpContext context, WebAccess access, WebQuestionLimiter limiter, PaperBotAssistant assistant,
        ConversationalAnswerService conversations, ILoggerFactory loggers)
    {
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        if (access.Check(context, out var user) is { } denial)
        {
            await WriteProblemAsync(response, StatusCodes.Status401Unauthorized, Explain(denial), cancellationToken);
            return;
        }
        // JSON only: a form post from another site cannot send it without a CORS preflight this server never grants.
        if (!context.Request.HasJsonContentType())
        {
            await WriteProblemAsync(response, StatusCodes.Status415UnsupportedMediaType, "Send the question as JSON.", cancellationToken);
            return;
        }
        var body = await RequestBodyLimit.ReadAsync(context.Request, MaxAskBodyBytes, cancellationToken);
        WebAskRequest? ask;
        try
        {
            ask = body is null ? null : JsonSerializer.Deserialize<WebAskRequest>(body, Json);
        }
        catch (JsonException)
        {
            (ask, body) = (null, null);
        }
        if (body is null)
        {
            await WriteProblemAsync(response, StatusCodes.Status400BadRequest, "The request is not a question.", cancellationToken);
            return;
        }
        var question = (ask?.Question ?? "").Trim();
        if (!limiter.TryAcquire(user, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteProblemAsync(response, StatusCodes.Status429TooManyRequests, WebQuestionLimiter.SlowDownMessage(retryAfter), cancellationToken);
            return;
        }
        // The page keeps a random id per conversation; anything else starts a new one, so nobody can join another channel's thread.
        var conversation = Guid.TryParseExact(ask?.Conversation, "N", out var given) ? given.ToString("N") : Guid.NewGuid().ToString("N");

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on as it is written
        await WriteEventAsync(response, "start", new { conversation }, cancellationToken);
        try
        {
            var request = FromAction(ask?.Action, ConversationPrefix + conversation, "web:" + user)
                ?? ChatRequest.FromText(question, ConversationPrefix + conversation, "web:" + user);
            ChatReply reply;
            if (request.Command == ChatCommand.Ask && request.Argument.Length is > 0 and <= PaperBotAssistant.MaxQuestionLength)
            {
                var sentences = Channel.CreateUnbounded<AnswerSentence>(new UnboundedChannelOptions { SingleReader = true });
                var answering = Task.Run(async () =>
                {
                    try
                    {
                        return await conversations.AnswerAsync(request.Argument, request.ConversationId, s => sentences.Writer.TryWrite(s), cancellationToken);
                    }
                    finally
                    {
                        sentences.Writer.TryComplete();
                    }
                }, cancellationToken);
                await foreach (var sentence in sentences.Reader.ReadAllAsync(cancellationToken))
                {
                    await WriteEventAsync(response, "sentence", sentence, cancellationToken);
                }
                reply = PaperBotAssistant.FromAnswer(await answering);
            }
            else
            {
                reply = await assistant.HandleAsync(request, cancellationToken);
            }
            await WriteEventAsync(response, "reply", WebReply.From(reply), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(WebEndpoints)).LogError(e, "The web page's question failed");
            await WriteEventAsync(response, "problem", new { message = "Something went wrong while answering; please try again." }, CancellationToken.None);
        }
    }

    /// <summary>A button's payload, checked as strictly as Discord's and Teams': anything malformed is ignored.</summary>
    private static ChatRequest? FromAction(string? payload, string conversationId, string userId) =>
        PaperActionPayload.TryParse(payload, out var kind, out var paperId)
            ? new ChatRequest(kind switch
            {
                PaperActionKind.Similar => ChatCommand.Similar,
                PaperActionKind.AskAbout => ChatCommand.About,
                _ => ChatCommand.Paper,
            }, paperId, conversationId, userId)
            : null;

    private static async Task WriteEventAsync<T>(HttpResponse response, string name, T data, CancellationToken cancellationToken)
    {
        // JSON never contains a raw newline, so one data line per event is always well-formed.
        var payload = "event: " + name + "\ndata: " + JsonSerializer.Serialize(data, Json) + "\n\n";
        await response.WriteAsync(payload, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static Task WriteProblemAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new { message }, Json, cancellationToken);
    }
}
