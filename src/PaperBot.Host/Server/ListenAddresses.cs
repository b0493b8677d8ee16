using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PaperBot.Host.Server;

/// <summary>
/// Checks the addresses <c>serve</c> is told to listen on before the host starts, so a mistake is one line rather than
/// the host's stack trace. Kestrel listens on every interface for any host that is not <c>localhost</c> or an IP
/// address, so a typo such as <c>http://256.0.0.1:5077</c> would quietly expose the server: such hosts are refused, and
/// every interface has to be asked for as <c>*</c>, <c>+</c>, <c>0.0.0.0</c> or <c>[::]</c>.
/// </summary>
public static partial class ListenAddresses
{
    /// <summary>The problem with the first address that has one, or null when all can be listened on.</summary>
    public static string? Check(string urls)
    {
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return "--urls: no address given; use one like http://127.0.0.1:5080.";
        }
        foreach (var part in parts)
        {
            if (part.Contains("://unix:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var match = Address().Match(part);
            if (!match.Success)
            {
                return $"--urls: \"{part}\" is not an address to listen on; use one like http://127.0.0.1:5080 (no path).";
            }
            var host = match.Groups["host"].Value;
            var port = match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : match.Groups["scheme"].Value.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
            if (port > 65535)
            {
                return $"--urls: port {port} in \"{part}\" is not a port (0-65535).";
            }
            IPAddress address;
            if (host is "*" or "+")
            {
                address = IPAddress.Any;
            }
            else if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                address = IPAddress.Loopback;
            }
            else if (!TryParseStrict(host, out address))
            {
                return $"--urls: \"{host}\" in \"{part}\" is not an IP address or localhost, and for any other host the server would " +
                       "listen on every interface; give the IP address to listen on, or * for every interface.";
            }
            if (port != 0 && InUse(address, port) is { } reason)
            {
                return $"--urls: cannot listen on {part}: {reason}.";
            }
        }
        return null;
    }

    /// <summary>IPv4 as four decimal numbers of 0-255 (not the shorthand forms IPAddress also accepts), or IPv6 in brackets.</summary>
    private static bool TryParseStrict(string host, out IPAddress address)
    {
        address = IPAddress.None;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }
        var octets = host.Split('.');
        if (octets.Length != 4 || octets.Any(o => o.Length is 0 or > 3 || !o.All(char.IsAsciiDigit) || int.Parse(o, System.Globalization.CultureInfo.InvariantCulture) > 255))
        {
            return false;
        }
        return IPAddress.TryParse(host, out address!);
    }

    /// <summary>Binds the address for a moment: a port another process holds, or one this user may not use, fails here.</summary>
    private static string? InUse(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return "the address is already in use (is another paperbot serve running?)";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            return "no interface of this machine has that address";
        }
        catch (SocketException e)
        {
            return e.Message;
        }
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[0-9A-Fa-f:.]+\]|[^:/\[\]]+)(?::(?<port>\d{1,6}))?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}
