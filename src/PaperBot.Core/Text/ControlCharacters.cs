using System.Text;

namespace PaperBot.Core.Text;

/// <summary>
/// Control characters in text that came from outside (listing files, questions): a listing saved from a web page has no
/// business carrying terminal escape sequences, and a question typed at the terminal must not be able to set the
/// terminal's title or move its cursor when it is shown back.
/// </summary>
public static class ControlCharacters
{
    private const char Escape = '\u001B';
    private const char Bell = '\u0007';

    /// <summary>True for C0 controls other than tab, line feed and carriage return, DEL, and the C1 controls.</summary>
    public static bool IsUnwanted(char c) =>
        (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is >= '\u007F' and <= '\u009F';

    /// <summary>
    /// Removes control characters from a listing's text, and terminal escape sequences whole (CSI <c>ESC [ … final</c>,
    /// OSC <c>ESC ] … BEL</c> or <c>ESC \</c>, and two-character escapes), so "ESC[31mred" becomes "red", not "[31mred".
    /// Tabs and line breaks stay: they are layout the parser reads.
    /// </summary>
    public static string StripFromListing(string text)
    {
        var first = FirstUnwanted(text);
        if (first < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Escape || c == '\u009B' || c == '\u009D')
            {
                i = EndOfSequence(text, i);
                continue;
            }
            if (!IsUnwanted(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Text to be written to a terminal, with every control character except tab and line feed shown in caret
    /// notation (ESC as <c>^[</c>, BEL as <c>^G</c>, DEL as <c>^?</c>) and the C1 controls as <c>\u009b</c>, so it can
    /// neither run a terminal command sequence nor overwrite what was printed before it.
    /// </summary>
    public static string EscapeForTerminal(string text)
    {
        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsTerminalEscape(text[i]))
            {
                first = i;
                break;
            }
        }
        if (first < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            AppendForTerminal(sb, text[i]);
        }
        return sb.ToString();
    }

    /// <summary>Appends one character as <see cref="EscapeForTerminal"/> shows it.</summary>
    public static void AppendForTerminal(StringBuilder sb, char c)
    {
        if (!NeedsTerminalEscape(c))
        {
            sb.Append(c);
        }
        else if (c < ' ')
        {
            sb.Append('^').Append((char)(c + '@'));
        }
        else if (c == '\u007F')
        {
            sb.Append("^?");
        }
        else
        {
            sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Tab and line feed are layout; a carriage return is not, on its own it returns to the start of the line and lets
    /// what follows overwrite what came before, so it is shown too (the caller writes line feeds only).
    /// </summary>
    public static bool NeedsTerminalEscape(char c) => (c < ' ' && c is not ('\t' or '\n')) || c is >= '\u007F' and <= '\u009F';

    private static int FirstUnwanted(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnwanted(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    private static int EndOfSequence(string text, int start)
    {
        var c = text[start];
        int i;
        bool csi, osc;
        if (c == Escape)
        {
            if (start + 1 >= text.Length)
            {
                return start;
            }
            var kind = text[start + 1];
            csi = kind == '[';
            osc = kind is ']' or 'P' or '_' or '^' or 'X';
            if (!csi && !osc)
            {
                // A two-character escape (ESC 7, ESC c, …); a line break after a lone ESC is kept.
                return kind is '\n' or '\r' ? start : start + 1;
            }
            i = start + 2;
        }
        else
        {
            csi = c == '\u009B';
            osc = !csi;
            i = start + 1;
        }
        for (; i < text.Length; i++)
        {
            var d = text[i];
            if (d is '\n' or '\r')
            {
                // A sequence never spans lines in a listing; stop before the line break so the layout stays.
                return i - 1;
            }
            if (csi && d is >= '@' and <= '~')
            {
                return i;
            }
            if (osc && (d == Bell || d == '\u009C'))
            {
                return i;
            }
            if (osc && d == Escape && i + 1 < text.Length && text[i + 1] == '\\')
            {
                return i + 1;
            }
            if (csi && !(d is >= ' ' and <= '?'))
            {
                // Not a well-formed parameter byte: end the sequence here and let the loop judge this character.
                return i - 1;
            }
        }
        return text.Length - 1;
    }
}
