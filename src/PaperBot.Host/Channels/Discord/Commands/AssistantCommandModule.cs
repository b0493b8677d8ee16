using System.Text.Json;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>/ask, /search, /paper, /similar and /help: each becomes a <see cref="ChatRequest"/> for the assistant.</summary>
public sealed class AssistantCommandModule(PaperBotAssistant assistant) : IDiscordCommandModule
{
    private static readonly int[] AllContexts = [0, 1, 2];

    public IReadOnlyList<ApplicationCommand> Commands { get; } =
    [
        Command("ask", "Ask a question about the papers; the answer cites them", "question", "Your question"),
        Command("search", "Find the papers that best match some words", "query", "Words to look for"),
        Command("paper", "Everything known about one paper", "id", "The paper's id, as shown by /search"),
        Command("similar", "Papers like a given one", "id", "The paper's id, as shown by /search"),
        new ApplicationCommand { Name = "help", Description = "What PaperBot can do", Contexts = AllContexts, IntegrationTypes = [0] },
    ];

    public DiscordCommandBinding? Bind(Interaction interaction, InteractionData command)
    {
        ChatCommand? chatCommand = command.Name switch
        {
            "ask" => ChatCommand.Ask,
            "search" => ChatCommand.Search,
            "paper" => ChatCommand.Paper,
            "similar" => ChatCommand.Similar,
            "help" => ChatCommand.Help,
            _ => null,
        };
        if (chatCommand is not { } which)
        {
            return null;
        }
        var definition = Commands.Single(c => c.Name == command.Name);
        var argument = "";
        if (definition.Options is [var option])
        {
            var given = command.Options?.FirstOrDefault(o => o?.Name == option.Name);
            if (given?.Value is not { ValueKind: JsonValueKind.String } value || string.IsNullOrWhiteSpace(value.GetString()))
            {
                return DiscordCommandBinding.Rejected($"/{command.Name} needs {option.Name}: {option.Description.ToLowerInvariant()}.");
            }
            argument = value.GetString()!.Trim();
            if (argument.Length > option.MaxLength)
            {
                return DiscordCommandBinding.Rejected($"That {option.Name} is {argument.Length} characters; please keep it under {option.MaxLength}.");
            }
        }
        var userId = interaction.Invoker?.Id ?? "unknown";
        var conversation = interaction.ChannelId ?? interaction.GuildId ?? "dm";
        var request = new ChatRequest(which, argument, conversation, userId);
        return DiscordCommandBinding.Accepted(ct => assistant.HandleAsync(request, ct), countsAsQuestion: which != ChatCommand.Help);
    }

    private static ApplicationCommand Command(string name, string description, string option, string optionDescription) => new()
    {
        Name = name,
        Description = description,
        Contexts = AllContexts,
        IntegrationTypes = [0],
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.String,
                Name = option,
                Description = optionDescription,
                Required = true,
                MinLength = 1,
                MaxLength = name is "paper" or "similar" ? 100 : PaperBotAssistant.MaxQuestionLength,
            },
        ],
    };
}
