using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// Removes the bot's own @mention from a message, as the Bot Framework does: for each mention entity naming the
/// recipient, its <c>&lt;at&gt;…&lt;/at&gt;</c> text is cut out (case-insensitively). Other people's mentions stay.
/// </summary>
public static class MentionText
{
    public static (string Text, bool MentionedBot) StripBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        var mentioned = false;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity is null || !string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrEmpty(botId) || !string.Equals(entity.Mentioned?.Id, botId, StringComparison.Ordinal))
            {
                continue;
            }
            mentioned = true;
            var mentionText = entity.Text ?? $"<at>{entity.Mentioned?.Name}</at>";
            if (mentionText.Length > 0)
            {
                text = text.Replace(mentionText, " ", StringComparison.OrdinalIgnoreCase);
            }
        }
        return (CollapseSpaces(text).Trim(), mentioned);
    }

    private static string CollapseSpaces(string text) =>
        string.Join(' ', text.Split([' ', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
}
