using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Teams;

/// <summary>Who manages digests in Teams (<c>Digest:TeamsAdmins</c>, in the digest's section as before).</summary>
public sealed class TeamsDigestOptions
{
    public const string SectionName = DigestOptions.SectionName;

    /// <summary>
    /// AAD object ids of the people who may subscribe Teams channels and group chats (Teams sends no roles with a
    /// message, so the bot cannot tell a team owner from a member). In personal chat everyone manages their own digest.
    /// </summary>
    public List<string> TeamsAdmins { get; set; } = [];
}
