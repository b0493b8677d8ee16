namespace PaperBot.Core.Digest;

/// <summary>
/// One entry of <c>Digest:Subscriptions</c>: a name, exactly one target, and an optional schedule and filters. The
/// target is written with the key its channel registered (<see cref="IDigestTargetKind.SettingName"/>), for example
/// <c>DiscordWebhook</c>; Core does not know those keys, so the entry's plain values are kept in <see cref="Fields"/>.
/// </summary>
public sealed class DigestSubscriptionSettings
{
    public string Name { get; set; } = "";
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public List<string> Keywords { get; set; } = [];
    public int MinUpvotes { get; set; }
    public int? MaxItems { get; set; }

    /// <summary>Every plain value of the entry by key (case-insensitive, as configuration keys are); filled at binding.</summary>
    internal Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The target kinds whose setting the entry gives a non-blank value, with that value trimmed.</summary>
    public IReadOnlyList<(IDigestTargetKind Kind, string Address)> TargetsIn(DigestTargetKinds kinds) =>
        kinds.All.Where(k => Fields.TryGetValue(k.SettingName, out var v) && !string.IsNullOrWhiteSpace(v))
            .Select(k => (k, Fields[k.SettingName].Trim())).ToList();

    /// <summary>The entry's one target, or null when it names none or several.</summary>
    public DigestTarget? TargetIn(DigestTargetKinds kinds) =>
        TargetsIn(kinds) is [var (kind, address)] ? new DigestTarget(kind.Name, address) : null;
}
