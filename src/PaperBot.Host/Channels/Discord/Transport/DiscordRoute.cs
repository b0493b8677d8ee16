namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// A request's rate-limit identity: the route template (ids replaced) plus its major parameter (channel, guild, or
/// webhook id and token), because Discord limits each route separately per top-level resource.
/// </summary>
public sealed record DiscordRoute(string Template, string MajorParameter, bool IsWebhook)
{
    public static DiscordRoute From(HttpMethod method, Uri requestUri, Uri apiBase)
    {
        var basePath = apiBase.AbsolutePath.TrimEnd('/');
        var path = requestUri.AbsolutePath;
        if (path.StartsWith(basePath, StringComparison.Ordinal))
        {
            path = path[basePath.Length..];
        }
        var segments = path.Trim('/').Split('/');
        // A channel webhook's URL is pasted whole (https://discord.com/api[/vN]/webhooks/{id}/{token}), so it need not
        // sit under the API base the bot uses: the route starts after "api" and its version.
        if (segments.Length > 1 && segments[0] == "api")
        {
            segments = segments[(segments[1].Length > 1 && segments[1][0] == 'v' && segments[1][1..].All(char.IsAsciiDigit) ? 2 : 1)..];
        }
        var major = "";
        var isWebhook = false;
        if (segments.Length > 1 && segments[0] is "channels" or "guilds")
        {
            major = segments[1];
            segments[1] = "{major}";
        }
        else if (segments.Length > 1 && segments[0] == "webhooks")
        {
            isWebhook = true;
            major = segments.Length > 2 ? segments[1] + "/" + segments[2] : segments[1];
            segments[1] = "{major}";
            if (segments.Length > 2)
            {
                segments[2] = "{token}";
            }
        }
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && segments[i].All(char.IsAsciiDigit))
            {
                segments[i] = "{id}";
            }
        }
        return new DiscordRoute(method.Method + " " + string.Join('/', segments), major, isWebhook);
    }
}
