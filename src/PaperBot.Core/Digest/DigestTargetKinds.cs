namespace PaperBot.Core.Digest;

/// <summary>The target kinds the channels registered, by name: checks and shows targets for Core.</summary>
public sealed class DigestTargetKinds
{
    private readonly Dictionary<string, IDigestTargetKind> _byName;

    public DigestTargetKinds(IEnumerable<IDigestTargetKind> kinds)
    {
        All = kinds.ToList();
        // The last registration of a name wins, as with any DI service, so a host can replace a channel's kind.
        _byName = All.GroupBy(k => k.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        All = All.Where(k => _byName[k.Name] == k).ToList();
    }

    /// <summary>In registration order.</summary>
    public IReadOnlyList<IDigestTargetKind> All { get; }

    public IDigestTargetKind? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Why the target is refused, or null.</summary>
    public string? Check(DigestTarget target)
    {
        if (Find(target.Kind) is not { } kind)
        {
            return $"no channel of this build takes digest targets of kind \"{target.Kind}\" (known: {string.Join(", ", All.Select(k => k.Name))}).";
        }
        return kind.Check(target.Address.Trim());
    }

    /// <summary>The target as logs and listings show it; a kind no channel registered shows its name only, as its address may hold a secret.</summary>
    public string Display(DigestTarget target) =>
        Find(target.Kind) is { } kind ? $"{target.Kind} {kind.Display(target.Address)}" : $"{target.Kind} (address not shown: no channel of this build knows the kind)";
}
