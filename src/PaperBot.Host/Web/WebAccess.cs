using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Web;

/// <summary>
/// Who may use the web page. With a token: a session cookie (set by the login form) or <c>Authorization: Bearer</c>.
/// With an authenticating proxy: its user header. With neither: only requests made on this machine, and not ones a
/// local reverse proxy forwarded from elsewhere (they carry forwarding headers).
/// </summary>
public sealed class WebAccess(IOptions<WebOptions> options)
{
    public const string CookieName = "paperbot-web";

    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Original-For", "X-Real-IP"];

    /// <summary>The cookie holds a keyed hash of the token, so the token itself never sits in the browser's cookie jar.</summary>
    private readonly Lazy<string?> sessionValue = new(() => options.Value.TokenRequired
        ? Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AccessToken!), "paperbot-web-session"u8))
        : null);

    /// <summary>Null when the request may proceed, with <paramref name="user"/> naming who asks (for rate limiting).</summary>
    public WebAccessDenial? Check(HttpContext context, out string user)
    {
        var settings = options.Value;
        user = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (settings.ProxyRequired && context.Request.Headers[settings.AuthenticatingProxyHeader!].ToString() is { Length: > 0 } proxyUser)
        {
            user = "proxy:" + proxyUser;
            return null;
        }
        if (settings.TokenRequired)
        {
            return HasSession(context) || HasBearer(context) ? null : WebAccessDenial.NeedsToken;
        }
        if (settings.ProxyRequired)
        {
            return WebAccessDenial.NoProxyUser;
        }
        var remote = context.Connection.RemoteIpAddress;
        var fromThisMachine = remote is null || IPAddress.IsLoopback(remote);
        var forwarded = ForwardingHeaders.Any(h => context.Request.Headers.ContainsKey(h));
        return fromThisMachine && !forwarded ? null : WebAccessDenial.NotLoopback;
    }

    public bool IsValidToken(string? candidate) => options.Value.TokenRequired && candidate is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate.Trim()), Encoding.UTF8.GetBytes(options.Value.AccessToken!.Trim()));

    public void StartSession(HttpContext context) => context.Response.Cookies.Append(CookieName, sessionValue.Value!, new CookieOptions
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict, // with the JSON-only API, a page on another site cannot ask in someone's name
        Secure = context.Request.IsHttps,
        Path = "/",
        MaxAge = TimeSpan.FromDays(30),
    });

    private bool HasSession(HttpContext context) => context.Request.Cookies[CookieName] is { } cookie && sessionValue.Value is { } expected
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(expected));

    private bool HasBearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && IsValidToken(header["Bearer ".Length..]);
    }
}
