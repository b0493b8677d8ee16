using System.CommandLine;
using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Channels.Discord.Transport;
using PaperBot.Host.Cli;

namespace PaperBot.Host.Channels.Discord;

/// <summary><c>paperbot discord register [--guild ID]</c>: puts PaperBot's slash commands into Discord.</summary>
public static class DiscordCommandLine
{
    public static Command Create()
    {
        var guild = new Option<string?>("--guild")
        {
            Description = "Register in one server only (updates instantly; good for testing). Without it, commands are global.",
        };
        var register = new Command("register", "Register (overwrite) PaperBot's slash commands with Discord") { guild };
        register.SetAction((parse, cancellationToken) => PaperBotCommandLine.RunAsync(parse, async (services, json) =>
        {
            var options = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
            if (!options.Enabled || string.IsNullOrWhiteSpace(options.BotToken))
            {
                Console.Error.WriteLine("Set Discord:ApplicationId, Discord:PublicKey and Discord:BotToken first (e.g. the Discord__BotToken environment variable).");
                return 2;
            }
            var guildId = parse.GetValue(guild);
            if (guildId is not null && (guildId.Length == 0 || !guildId.All(char.IsAsciiDigit)))
            {
                Console.Error.WriteLine($"--guild takes the server's numeric id, not \"{guildId}\".");
                return 2;
            }
            var commands = services.GetServices<IDiscordCommandModule>().SelectMany(m => m.Commands).ToList();
            try
            {
                var registered = await services.GetRequiredService<DiscordRestClient>().OverwriteCommandsAsync(guildId, commands, cancellationToken);
                if (json)
                {
                    Console.WriteLine(CliJson.Serialize(new { guild = guildId, commands = registered.Select(c => c.Name).ToList() }));
                }
                else
                {
                    Console.WriteLine($"Registered {registered.Count} command(s) {(guildId is null ? "globally" : $"in server {guildId}")}: "
                        + string.Join(", ", registered.Select(c => "/" + c.Name)));
                }
                return 0;
            }
            catch (Exception e) when (e is DiscordApiException or DiscordRequestRefusedException or HttpRequestException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
            {
                // A 2xx whose body is not the command list (a proxy's HTML page, a changed API): say so, not a stack trace.
                Console.Error.WriteLine($"Discord's reply to the registration could not be read as the list of commands: {e.Message.Split('\n')[0]}");
                return 1;
            }
        }));
        return new Command("discord", "Discord set-up") { register };
    }
}
