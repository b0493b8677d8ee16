namespace PaperBot.Host.Reliability;

/// <summary>
/// Clients that carry a secret (a bot token, an interaction or webhook token in the path, the app password) or send to
/// an allow-listed address must not follow redirects: a 307 would re-send the request, secret and body included, to a
/// host no allow-list checked. With redirects off, a 3xx reaches the caller as an unsuccessful response, a failure.
/// </summary>
public static class RedirectRefusal
{
    public static IHttpClientBuilder RefuseRedirects(this IHttpClientBuilder builder) =>
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Pooled connections are recycled so DNS changes are seen, as the factory's default handler lifetime did.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
}
