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
        user = Person(context);
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

    /// <summary>
    /// Who asks, for the question limit: the client address, or, when a proxy on this machine or the private network
    /// passed the request on, the address that proxy appended last to <c>X-Forwarded-For</c> (earlier entries are
    /// whatever the client claimed). Without this everyone behind one reverse proxy would share one allowance.
    /// </summary>
    private static string Person(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && (IPAddress.IsLoopback(remote) || IsPrivate(remote))
            && context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } chain)
        {
            return chain[^1];
        }
        return remote?.ToString() ?? "local";
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var b = address.GetAddressBytes();
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            : address.IsIPv6UniqueLocal;
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
