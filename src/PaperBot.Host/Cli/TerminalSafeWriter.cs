using System.Text;
using PaperBot.Core.Text;

namespace PaperBot.Host.Cli;

/// <summary>
/// A writer for the terminal that shows control characters instead of sending them: text from listings, questions
/// and replies reaches the terminal through it, so "ESC ]0;… BEL" in a title or a chat line cannot set the terminal's
/// title, move the cursor or clear the screen. Line feeds and tabs pass; everything else is written as
/// <see cref="ControlCharacters.EscapeForTerminal"/> shows it. The program's own output has no control characters, so
/// it is unchanged (console logging runs without colours for this reason).
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <summary>The writer itself when it already is one, so wrapping twice costs nothing.</summary>
    public static TextWriter Wrap(TextWriter writer) => writer is TerminalSafeWriter ? writer : new TerminalSafeWriter(writer);

    public override void Write(char value)
    {
        if (ControlCharacters.NeedsTerminalEscape(value) && !IsNewLine(value))
        {
            inner.Write(ControlCharacters.EscapeForTerminal(value.ToString()));
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(Escape(value));
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    public override Task WriteAsync(string? value)
    {
        return value is null ? Task.CompletedTask : inner.WriteAsync(Escape(value));
    }

    public override Task WriteLineAsync(string? value)
    {
        return inner.WriteLineAsync(value is null ? null : Escape(value));
    }

    public override Task WriteLineAsync() => inner.WriteLineAsync();

    /// <summary>Escapes control characters, except the characters of the platform's line break (CR LF on Windows).</summary>
    private static string Escape(string value)
    {
        if (Environment.NewLine == "\n" || !value.Contains('\r', StringComparison.Ordinal))
        {
            return ControlCharacters.EscapeForTerminal(value);
        }
        return string.Join("\r\n", value.Split("\r\n").Select(ControlCharacters.EscapeForTerminal));
    }

    private static bool IsNewLine(char value) => value == '\r' && Environment.NewLine == "\r\n";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
