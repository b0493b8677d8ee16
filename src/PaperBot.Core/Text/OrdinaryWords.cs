namespace PaperBot.Core.Text;

/// <summary>
/// About 40,000 ordinary English words in lower case (SCOWL size 35, shipped as <c>ordinary-words.txt</c>; no proper
/// nouns). A question about a lower-case word no paper uses is declined only when the word is not one of these:
/// "how does toolformer …" asks about a name; "how do chatbots …" may be a paraphrase in words the papers happen not to
/// use. Loaded on first use (a few milliseconds), which only a question about a word the corpus lacks reaches.
/// </summary>
public static class OrdinaryWords
{
    private static readonly Lazy<HashSet<string>> Words = new(Load);

    public static bool Contains(string word) => Words.Value.Contains(word);

    private static HashSet<string> Load()
    {
        using var stream = typeof(OrdinaryWords).Assembly.GetManifestResourceStream("ordinary-words.txt")
            ?? throw new InvalidOperationException("The ordinary-words.txt resource is missing from PaperBot.Core.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
            }
        }
        return words;
    }
}
