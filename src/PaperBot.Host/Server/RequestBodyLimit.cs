namespace PaperBot.Host.Server;

/// <summary>
/// The one way an endpoint reads a request body with a size cap: refused by its Content-Length when that is too large,
/// and otherwise read in chunks and abandoned once it passes the cap, so a body sent without a length is bounded too.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>The body's bytes, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
