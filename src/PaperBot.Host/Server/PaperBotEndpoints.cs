using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Discord;

namespace PaperBot.Host.Server;

/// <summary>Channel endpoints map themselves here (Discord interactions, Teams messages).</summary>
public static class PaperBotEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapTeamsMessages();
        app.MapDiscordEndpoints();
    }
}
