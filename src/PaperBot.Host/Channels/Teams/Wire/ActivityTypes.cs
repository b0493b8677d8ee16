namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>The activity <c>type</c> values PaperBot reacts to or sends.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Typing = "typing";
    public const string Invoke = "invoke";
}
