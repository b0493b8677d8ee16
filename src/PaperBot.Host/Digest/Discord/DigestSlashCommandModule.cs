using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Commands;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// <c>/digest subscribe|unsubscribe|status|preview</c> in Discord: the subcommand's options become the channel-neutral
/// text <see cref="DigestCommands"/> reads. Admin means MANAGE_GUILD or ADMINISTRATOR in the member's permissions in
/// this channel, as Discord computes them for the interaction; in DMs nobody is admin.
/// </summary>
public sealed class DigestSlashCommandModule(DigestCommands digest) : IDiscordCommandModule
{
    public const string Name = "digest";
    private const ulong Administrator = 0x8;
    private const ulong ManageGuild = 0x20;

    public IReadOnlyList<ApplicationCommand> Commands { get; } =
    [
        new ApplicationCommand
        {
            Name = Name,
            Description = "The daily digest of new papers for this channel",
            Contexts = [0],
            IntegrationTypes = [0],
            Options =
            [
                Subcommand("subscribe", "Post the digest in this channel (needs Manage Server)",
                    Text("cron", "When, as five-field cron (default \"0 9 * * *\")", 100),
                    Text("tz", "IANA time zone the cron is read in (default UTC)", 64),
                    Text("keywords", "Comma-separated; a paper must mention one", 300),
                    Number("min_upvotes", "Leave out papers with fewer upvotes", 0, 100_000),
                    Number("max_items", "Most papers per digest", 1, DigestFilters.MaxItemsLimit)),
                Subcommand("unsubscribe", "Stop this channel's digest (needs Manage Server)", Text("id", "The subscription's id (default: this channel's)", 64)),
                Subcommand("status", "This channel's digest: schedule, filters, next and last digest"),
                Subcommand("preview", "What the next digest would contain, composed now; nothing is posted"),
            ],
        },
    ];

    public DiscordCommandBinding? Bind(Interaction interaction, InteractionData command)
    {
        if (command.Name != Name)
        {
            return null;
        }
        if (command.Options is not [{ Type: ApplicationCommandOptionType.SubCommand } sub])
        {
            return DiscordCommandBinding.Rejected("Use /digest subscribe, /digest unsubscribe, /digest status or /digest preview.");
        }
        if (interaction.ChannelId is not { Length: > 0 } channelId)
        {
            return DiscordCommandBinding.Rejected("/digest works in a channel; Discord did not say which channel this is.");
        }
        var text = new StringBuilder(sub.Name);
        foreach (var option in (sub.Options ?? []).Where(o => o is not null))
        {
            if (option.Value is not { } value)
            {
                continue;
            }
            var given = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : value.GetRawText();
            if (given.Contains('"', StringComparison.Ordinal))
            {
                return DiscordCommandBinding.Rejected($"The {option.Name} option cannot contain a double quote.");
            }
            // DigestCommands reads name=value words; quotes keep a cron's spaces inside one word.
            text.Append(' ');
            text.Append(sub.Name == "unsubscribe" ? given : $"{(option.Name ?? "").Replace('_', '-')}=\"{given}\"");
        }
        var context = new DigestCommandContext(new DigestTarget(DiscordChannelTarget.KindName, channelId), interaction.Invoker?.Id ?? "unknown", IsAdmin(interaction),
            DiscordDigestCommandSyntax.Instance);
        var line = text.ToString();
        return DiscordCommandBinding.Accepted(ct => digest.HandleAsync(context, line, ct), countsAsQuestion: false);
    }

    /// <summary>Only guild members carry permissions; a DM (no member) is never admin.</summary>
    public static bool IsAdmin(Interaction interaction) =>
        interaction.Member?.Permissions is { } permissions
        && BigInteger.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
        && ((bits & Administrator) != 0 || (bits & ManageGuild) != 0);

    private static ApplicationCommandOption Subcommand(string name, string description, params ApplicationCommandOption[] options) => new()
    {
        Type = ApplicationCommandOptionType.SubCommand,
        Name = name,
        Description = description,
        Options = options.Length == 0 ? null : options,
    };

    private static ApplicationCommandOption Text(string name, string description, int maxLength) => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = name,
        Description = description,
        MinLength = 1,
        MaxLength = maxLength,
    };

    private static ApplicationCommandOption Number(string name, string description, int min, int max) => new()
    {
        Type = ApplicationCommandOptionType.Integer,
        Name = name,
        Description = description,
        MinValue = min,
        MaxValue = max,
    };
}
