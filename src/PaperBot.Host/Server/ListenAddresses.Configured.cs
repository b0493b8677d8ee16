using System.Net;

namespace PaperBot.Host.Server;

/// <summary>
/// The other half of the listen-address checks (the first, in ListenAddresses.cs, vets --urls before the host starts):
/// the addresses the server is configured to listen on, read the way Kestrel reads them (<c>urls</c> from
/// <c>--urls</c> or <c>ASPNETCORE_URLS</c>, <c>http_ports</c>/<c>https_ports</c>, <c>Kestrel:Endpoints:*:Url</c>),
/// so the web page can refuse to start before anything is bound where it should not be.
/// </summary>
public static partial class ListenAddresses
{
    /// <summary>Kestrel's own default when nothing is configured.</summary>
    public const string KestrelDefault = "http://localhost:5000";

    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var addresses = new List<string>();
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                addresses.Add(url);
            }
        }
        if (addresses.Count > 0)
        {
            return addresses; // Kestrel's endpoint configuration replaces urls and ports
        }
        addresses.AddRange(Split(configuration["urls"]));
        if (addresses.Count == 0)
        {
            // HTTP_PORTS/HTTPS_PORTS (set by the official container images) bind every interface.
            addresses.AddRange(Split(configuration["http_ports"]).Select(p => $"http://*:{p}"));
            addresses.AddRange(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        }
        return addresses.Count > 0 ? addresses : [KestrelDefault];
    }

    /// <summary>The configured addresses reachable from other machines (wildcards, names other than localhost, non-loopback IPs).</summary>
    public static IReadOnlyList<string> NotLoopback(IConfiguration configuration) =>
        Configured(configuration).Where(a => !IsLoopback(a)).ToList();

    public static bool IsLoopback(string address)
    {
        var rest = address.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }
        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? rest : rest[1..close];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
        }
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
