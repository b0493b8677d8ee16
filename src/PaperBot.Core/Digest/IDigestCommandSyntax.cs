namespace PaperBot.Core.Digest;

/// <summary>How a channel's users type digest commands (a slash command, a plain message), so replies quote them right.</summary>
public interface IDigestCommandSyntax
{
    /// <summary>Recorded as a subscription's origin ("discord", "teams").</summary>
    string Origin { get; }

    /// <summary>The command as the person types it here, e.g. "/digest subscribe"; with <paramref name="subscriptionId"/> for unsubscribe.</summary>
    string Command(string verb, string? subscriptionId = null);
}
