namespace PaperBot.Host.Web;

/// <summary>
/// The page's static files (HTML, CSS, JS under Web/Assets), embedded in the executable so a publish, a container or
/// <c>dotnet run</c> from any folder serves the same files with no build step beyond <c>dotnet build</c>.
/// </summary>
public static class WebAssets
{
    public const string ScriptPath = "/web/app.js";
    public const string StylePath = "/web/app.css";

    /// <summary>No inline script or style, nothing from other origins: a paper's text can never run as code.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, byte[]> Files = Load();

    public static string Text(string name) => System.Text.Encoding.UTF8.GetString(Files[name]);

    public static IResult File(HttpContext context, string name, string contentType)
    {
        AddSecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(Files[name], contentType);
    }

    public static void AddSecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("web/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files[resource["web/".Length..]] = memory.ToArray();
        }
        return files;
    }
}
