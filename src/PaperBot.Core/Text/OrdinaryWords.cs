namespace PaperBot.Core.Text;

/// <summary>
/// About 40,000 ordinary English words in lower case (SCOWL size 35, shipped as <c>ordinary-words.txt</c>; no proper
/// nouns). A question about a lower-case word no paper uses is declined only when the word is not one of these:
/// "how does toolformer …" asks about a name; "how do chatbots …" may be a paraphrase in words the papers happen not to
/// use. Loaded on first use (a few milliseconds), which only a question about a word the corpus lacks reaches.
/// </summary>
public static class OrdinaryWords
{
    private static readonly Lazy<HashSet<string>> Words = new(() => WordListResource.Load("ordinary-words.txt"));

    public static bool Contains(string word) => Words.Value.Contains(word);

    /// <summary>
    /// A singular noun one can count: the list holds a plural of it ("whisper" → whispers, "hyena" → hyenas, "dolly" →
    /// dollies) and it is not itself a plural. Mass nouns have none ("flattery", "guesswork", "forgetfulness"). English
    /// puts an article before a countable noun in the singular, so one written bare where a question puts its subject
    /// ("how does whisper handle …") is used as a name.
    /// </summary>
    public static bool IsCountableSingular(string word)
    {
        if (word.Length < 3 || word.EndsWith('s') || !Contains(word))
        {
            return false;
        }
        var words = Words.Value;
        return words.Contains(word + "s") || words.Contains(word + "es")
            || (word.EndsWith('y') && words.Contains(string.Concat(word.AsSpan(0, word.Length - 1), "ies")));
    }
}
