using PaperBot.Core.Digest;

namespace PaperBot.Tests.Digest.InMemoryChannel;

/// <summary>A third channel's target kind, defined only here: mailbox names such as "box-7".</summary>
public sealed class InMemoryDigestTarget : IDigestTargetKind
{
    public const string KindName = "in-memory";

    public string Name => KindName;

    public string SettingName => "InMemoryBox";

    public string? Check(string address) =>
        address.StartsWith("box-", StringComparison.Ordinal) ? null : $"\"{address}\" is not a mailbox name (box-N).";

    public string Display(string address) => "mailbox " + address;
}
