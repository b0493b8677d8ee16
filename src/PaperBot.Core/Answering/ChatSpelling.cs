using System.Text.RegularExpressions;

namespace PaperBot.Core.Answering;

/// <summary>
/// Chat spellings turned into the forms the question reader's cues are written for: "whos behind X" → "who's behind
/// X", "ppl" → "people", "w/ code" → "with code", a typographic apostrophe between letters → "'". Only the reader sees
/// the result; answers echo what the user wrote.
/// </summary>
internal static class ChatSpelling
{
    public static string Normalise(string question)
    {
        var text = Apostrophe.Replace(question, "'");
        // "you've got", "they're": the tail of a contraction is no word of the question's subject ("ve" is in no paper).
        text = Contraction.Replace(text, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "ve" => " have",
            "re" => " are",
            "ll" => " will",
            "m" => " am",
            _ => " would",
        });
        // "three upvotes", "top five most upvoted": counts the reader's patterns read as digits.
        text = NumberWord.Replace(text, m => (Array.IndexOf(Numbers, m.Value.ToLowerInvariant()) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        text = OrderRequests.Normalise(text);
        return Shorthand.Replace(text, m => m.Value.ToLowerInvariant() switch
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

    private static readonly string[] Numbers =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex NumberWord => field ??= new(@"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b(?=\s+(?:up)?(?:votes?|likes?)\b|\s+(?:most|latest|newest|oldest|earliest)\b)", RegexOptions.IgnoreCase);

    private static Regex Contraction => field ??= new(@"(?<=\p{L})'(ve|re|ll|m|d)\b", RegexOptions.IgnoreCase);

    private static Regex Apostrophe => field ??= new(@"(?<=\p{L})[’‘`´](?=\p{L})");

    private static Regex Shorthand => field ??= new(@"\b(?:whos|whats|wheres|hows|ppl|abt|pls|plz)\b|\bw/\s*", RegexOptions.IgnoreCase);
}
