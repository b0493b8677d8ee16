using System.Text;

namespace PaperBot.Host.Channels.Teams.Cards;

/// <summary>
/// Makes a user's words and paper text display literally in an Adaptive Card TextBlock, whose text Teams reads as
/// markdown (bold, italic, lists, links): markdown characters get a backslash, as CommonMark escapes them. A "(" right
/// after "]" is escaped too, so even a renderer that ignores backslashes never sees "](" and never makes a link.
/// </summary>
public static class TeamsMarkdown
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var lineStart = true;
        var previous = '\0';
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '[' or ']' or '<' or '>'
                || (c == '(' && previous == ']')
                || (lineStart && c is '#' or '-' or '+'))
            {
                sb.Append('\\');
            }
            sb.Append(c);
            if (c == '\n')
            {
                lineStart = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                lineStart = false;
            }
            previous = c;
        }
        return sb.ToString();
    }
}
