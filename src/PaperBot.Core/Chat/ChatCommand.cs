namespace PaperBot.Core.Chat;

/// <summary>What a chat user asked the bot to do; the same set in every channel.</summary>
public enum ChatCommand
{
    Ask,
    Search,
    Paper,
    Similar,
    Help,
}
