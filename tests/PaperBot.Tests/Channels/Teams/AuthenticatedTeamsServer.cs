namespace PaperBot.Tests.Teams;

/// <summary>The server with Teams:AppId set: every activity needs a valid Bot Connector token.</summary>
public sealed class AuthenticatedTeamsServer() : TeamsServerFixture(authenticated: true);
