namespace PaperBot.Core.Digest;

/// <summary>
/// A kind of digest target, registered by the channel that owns it (with <c>AddDigestTargetKind</c>). Core stores and
/// schedules targets of any kind; only the channel knows what an address looks like, which are acceptable, and how
/// to show one without its secrets. A kind is registered even where its channel cannot post (no bot token), so
/// subscriptions can be checked and listed; posting needs an <see cref="IDigestSender"/> of the same kind.
/// </summary>
public interface IDigestTargetKind
{
    /// <summary>The stable name used in the database and the CLI ("discord-webhook"). Never change a shipped one.</summary>
    string Name { get; }

    /// <summary>The key naming an address of this kind in a configured subscription (<c>Digest:Subscriptions:N:{SettingName}</c>).</summary>
    string SettingName { get; }

    /// <summary>Why the (trimmed) address is refused, or null when it is acceptable.</summary>
    string? Check(string address);

    /// <summary>What logs and listings show for the address (a webhook URL carries its token).</summary>
    string Display(string address);
}
