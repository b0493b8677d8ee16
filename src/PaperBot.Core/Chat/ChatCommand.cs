namespace PaperBot.Core.Chat;

/// <summary>What a chat user asked the bot to do; the same set in every channel.</summary>
public enum ChatCommand
{
    Ask,
    Search,
    Paper,
    Similar,
    Help,
    /// <summary>Make one paper the focus of the conversation, so the next question's "it" means that paper (the
    /// "Ask about this paper" button; no typed verb, so questions that begin with "about" stay questions).</summary>
    About,
}
