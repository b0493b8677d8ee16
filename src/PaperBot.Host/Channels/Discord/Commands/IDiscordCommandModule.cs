using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// A group of slash commands: their definitions (for <c>paperbot discord register</c>) and how to bind an invocation.
/// The assistant's commands are one module; the digest feature adds its own by registering another implementation.
/// </summary>
public interface IDiscordCommandModule
{
    IReadOnlyList<ApplicationCommand> Commands { get; }

    /// <summary>Checks the options at once (bad input gets an ephemeral error within Discord's 3 s); null if not ours.</summary>
    DiscordCommandBinding? Bind(Interaction interaction, InteractionData command);
}
