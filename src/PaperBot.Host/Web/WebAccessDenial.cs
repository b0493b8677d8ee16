namespace PaperBot.Host.Web;

/// <summary>Why a request to the web page was refused; each says what would let it in.</summary>
public enum WebAccessDenial
{
    /// <summary>A token is configured and the request brought neither the session cookie nor a bearer token.</summary>
    NeedsToken,
    /// <summary>An authenticating proxy is configured and the request did not come through it.</summary>
    NoProxyUser,
    /// <summary>No token or proxy is configured and the request came from another machine or through a proxy.</summary>
    NotLoopback,
}
