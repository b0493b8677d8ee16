using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Web;

namespace PaperBot.Host.Server;

/// <summary>Channel endpoints map themselves here (Discord interactions, Teams messages, the web page).</summary>
public static class PaperBotEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapTeamsMessages();
        app.MapDiscordEndpoints();
        app.MapPaperBotWeb();
    }
}
