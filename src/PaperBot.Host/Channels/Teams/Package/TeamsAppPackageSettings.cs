namespace PaperBot.Host.Channels.Teams.Package;

/// <summary>The values substituted into <c>deploy/teams/manifest.json</c>.</summary>
public sealed record TeamsAppPackageSettings(string AppId, string Version, string DeveloperName, string WebsiteUrl, string PrivacyUrl, string TermsUrl);
