namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>
/// A message PaperBot sends (create, interaction response, webhook edit or follow-up). <see cref="AllowedMentions"/>
/// is always set: bot messages otherwise parse every mention, so a paper or question containing @everyone would ping.
/// </summary>
public sealed record OutgoingMessage
{
    /// <summary>Discord's limit on a message's content, in characters.</summary>
    public const int MaxContent = 2000;

    /// <summary>Discord's limit on a message's embeds.</summary>
    public const int MaxEmbeds = 10;

    public string? Content { get; init; }
    /// <summary>Up to <see cref="MaxEmbeds"/> rich embeds (the digest posts one per paper).</summary>
    public IReadOnlyList<DiscordEmbed>? Embeds { get; init; }
    /// <summary>Action rows of buttons (at most five rows of five).</summary>
    public IReadOnlyList<DiscordComponent>? Components { get; init; }
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;
    public MessageFlags? Flags { get; init; }
    public MessageReference? MessageReference { get; init; }
    /// <summary>With <see cref="EnforceNonce"/>, Discord drops a duplicate create, which makes retrying a POST safe.</summary>
    public string? Nonce { get; init; }
    public bool? EnforceNonce { get; init; }
}
