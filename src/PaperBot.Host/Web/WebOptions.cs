using System.ComponentModel.DataAnnotations;

namespace PaperBot.Host.Web;

/// <summary>
/// The web page to try PaperBot (<c>Web:*</c>), served at <c>/</c> by <c>paperbot serve</c> when <see cref="Enabled"/>.
/// Without <see cref="AccessToken"/> or <see cref="AuthenticatingProxyHeader"/> it answers only requests made on this
/// machine, and the server refuses to start if it would listen anywhere but loopback.
/// </summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>Tokens shorter than this could be guessed through the login form, rate limit or not.</summary>
    public const int MinAccessTokenLength = 16;

    public bool Enabled { get; set; }

    /// <summary>
    /// A shared secret people type once on the page (or send as <c>Authorization: Bearer</c>). Set it from the
    /// environment (<c>Web__AccessToken</c>), never in a file in the repository.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// The header an authenticating proxy in front (oauth2-proxy, Caddy forward_auth, nginx auth_request) sets to the
    /// signed-in user, e.g. <c>X-Forwarded-User</c>. Requests without it are refused; its value names the user for
    /// rate limiting. Only safe when nothing but the proxy can reach the server.
    /// </summary>
    public string? AuthenticatingProxyHeader { get; set; }

    /// <summary>Questions one person (proxy user, else address) may ask per <see cref="QuestionWindow"/>, as in Discord.</summary>
    [Range(1, 1000)]
    public int QuestionLimit { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan QuestionWindow { get; set; } = TimeSpan.FromMinutes(1);

    public bool TokenRequired => !string.IsNullOrEmpty(AccessToken);

    public bool ProxyRequired => !string.IsNullOrWhiteSpace(AuthenticatingProxyHeader);

    /// <summary>With neither a token nor a proxy, only this machine may use the page.</summary>
    public bool LoopbackOnly => !TokenRequired && !ProxyRequired;
}
