namespace PaperBot.Tests.Teams;

/// <summary>The server with no Teams:AppId: local-development mode.</summary>
public sealed class DevelopmentTeamsServer() : TeamsServerFixture(authenticated: false);
