using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Host.Channels.Teams.Package;
using PaperBot.Host.Cli;

namespace PaperBot.Host.Channels.Teams;

/// <summary><c>paperbot teams package</c> (the app zip to upload) and <c>paperbot teams conversations</c> (where the bot can post).</summary>
public static class TeamsCommand
{
    public static Command Create()
    {
        var command = new Command("teams", "Microsoft Teams: build the app package, list the conversations the bot is in");
        command.Subcommands.Add(Package());
        command.Subcommands.Add(Conversations());
        return command;
    }

    private static Command Package()
    {
        var template = new Option<string>("--template") { Description = "Folder with manifest.json and the icons", DefaultValueFactory = _ => Path.Combine("deploy", "teams") };
        var output = new Option<string>("--out") { Description = "The zip to write", DefaultValueFactory = _ => "paperbot-teams.zip" };
        var appId = new Option<string?>("--app-id") { Description = "The Azure Bot's Microsoft App ID (default Teams:AppId)" };
        var version = new Option<string>("--app-version") { Description = "The app's version, MAJOR.MINOR.PATCH; raise it for every upload", DefaultValueFactory = _ => "1.0.0" };
        var developer = new Option<string>("--developer-name") { Description = "Shown in the Teams store listing", DefaultValueFactory = _ => "PaperBot" };
        var website = new Option<string>("--website-url") { Description = "https URL about the bot (required by Teams)", Required = true };
        var privacy = new Option<string?>("--privacy-url") { Description = "Default: the website URL + /privacy" };
        var terms = new Option<string?>("--terms-url") { Description = "Default: the website URL + /terms" };
        var command = new Command("package", "Build the Teams app package (manifest.json + icons) from deploy/teams/")
        {
            template, output, appId, version, developer, website, privacy, terms,
        };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(appId) ?? ConfiguredAppId();
            if (string.IsNullOrWhiteSpace(id))
            {
                Console.Error.WriteLine("No app id: pass --app-id or set Teams:AppId (environment variable Teams__AppId).");
                return 2;
            }
            var site = parse.GetValue(website)!.TrimEnd('/');
            var settings = new TeamsAppPackageSettings(id, parse.GetValue(version)!, parse.GetValue(developer)!, site,
                parse.GetValue(privacy) ?? site + "/privacy", parse.GetValue(terms) ?? site + "/terms");
            try
            {
                var target = parse.GetValue(output)!;
                TeamsAppPackageBuilder.Build(parse.GetValue(template)!, target, settings);
                Console.WriteLine($"Wrote {Path.GetFullPath(target)}: upload it in Teams (Apps → Manage your apps → Upload an app).");
                return 0;
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine("Cannot build the package:" + Environment.NewLine + e.Message);
                return 1;
            }
        });
        return command;
    }

    private static Command Conversations()
    {
        var command = new Command("conversations", "The Teams conversations the bot was installed in or spoken to, and whether it may still post there");
        command.SetAction(parse => PaperBotCommandLine.Run(parse, (services, json) =>
        {
            var references = services.GetRequiredService<IConversationReferenceStore>().List(TeamsProactiveSender.TeamsChannelId);
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(references));
                return 0;
            }
            foreach (var r in references)
            {
                var state = r.Active ? "active" : "inactive: " + r.InactiveReason;
                Console.WriteLine($"{r.ConversationType ?? "?",-10} {r.ConversationId}  ({state}; last seen {r.UpdatedAt:u})");
            }
            if (references.Count == 0)
            {
                Console.WriteLine("No Teams conversations yet: install the app or message the bot.");
            }
            return 0;
        }));
        return command;
    }

    private static string? ConfiguredAppId()
    {
        var builder = new ConfigurationBuilder();
        HostConfiguration.Apply(builder, null);
        return builder.Build()[$"{TeamsOptions.SectionName}:{nameof(TeamsOptions.AppId)}"];
    }
}
