using System.Text.RegularExpressions;

namespace PaperBot.Core.Answering;

/// <summary>
/// Chat spellings turned into the forms the question reader's cues are written for: "whos behind X" → "who's behind
/// X", "ppl" → "people", "w/ code" → "with code", a typographic apostrophe between letters → "'". Only the reader sees
/// the result; answers echo what the user wrote.
/// </summary>
internal static partial class ChatSpelling
{
    public static string Normalise(string question)
    {
        var text = Apostrophe().Replace(question, "'");
        return Shorthand().Replace(text, m => m.Value.ToLowerInvariant() switch
        {
            "whos" => "who's",
            "whats" => "what's",
            "wheres" => "where's",
            "hows" => "how's",
            "ppl" => "people",
            "abt" => "about",
            "pls" or "plz" => "please",
            _ => "with ",
        });
    }

    [GeneratedRegex(@"(?<=\p{L})[’‘`´](?=\p{L})")]
    private static partial Regex Apostrophe();

    [GeneratedRegex(@"\b(?:whos|whats|wheres|hows|ppl|abt|pls|plz)\b|\bw/\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Shorthand();
}
