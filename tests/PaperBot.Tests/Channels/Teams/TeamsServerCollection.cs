namespace PaperBot.Tests.Teams;

/// <summary>One authenticated server (and fake connector) shared by the Teams test classes that need it.</summary>
[CollectionDefinition(Name)]
public sealed class TeamsServerCollection : ICollectionFixture<AuthenticatedTeamsServer>
{
    public const string Name = "Teams server";
}
