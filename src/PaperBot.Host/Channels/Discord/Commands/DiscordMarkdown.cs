using System.Text;
using System.Text.RegularExpressions;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Makes paper text and questions display literally: Discord markdown characters are backslash-escaped, and links
/// are left intact but wrapped in &lt;&gt; so they neither break nor unfurl into previews.
/// </summary>
public static partial class DiscordMarkdown
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var last = 0;
        foreach (Match url in UrlPattern().Matches(text))
        {
            EscapePlain(text.AsSpan(last, url.Index - last), sb, lineStart: last == 0 || text[last - 1] == '\n');
            sb.Append('<').Append(url.Value).Append('>');
            last = url.Index + url.Length;
        }
        EscapePlain(text.AsSpan(last), sb, lineStart: last == 0 || text[last - 1] == '\n');
        return sb.ToString();
    }

    private static void EscapePlain(ReadOnlySpan<char> text, StringBuilder sb, bool lineStart)
    {
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' or '<' or '>' || (lineStart && c is '#' or '-' or '+'))
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
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]]")]
    private static partial Regex UrlPattern();
}
