using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Teams;

/// <summary>
/// Digest targets that are Teams conversation ids, posted to proactively from the conversation reference stored when
/// the bot was installed or last spoken to. Any id is accepted: whether a reference is stored is known only when posting.
/// </summary>
public sealed class TeamsConversationTarget : IDigestTargetKind
{
    public const string KindName = "teams-conversation";

    public string Name => KindName;

    public string SettingName => "TeamsConversation";

    public string? Check(string address) => null;

    public string Display(string address) => address;
}
