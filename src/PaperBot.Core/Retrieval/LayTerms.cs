using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Lay words for what papers name technically ("chatbot" → "LLM", "replies" → "response", "trial and error" →
/// "reinforcement learning", "output layer" → "head"): a small glossary of general ML vocabulary, kept as data
/// (<c>lay-terms.tsv</c>, embedded in the assembly). People in a chat describe a paper in their words, its abstract
/// in the field's; neither the keywords nor the corpus vectors can join the two, and the acronym dictionary mined from
/// the corpus only knows forms the papers write themselves.
/// </summary>
public static class LayTerms
{
    private const string ResourceName = "PaperBot.Core.Retrieval.lay-terms.tsv";

    // A lay phrase is matched word for word (as the tokenizer folds them) on consecutive question words, not on stems:
    // "labelers" stems to "label" and "clips" to "clip" (CLIP, the model). Plurals are written as entries of their own.
    // Longer phrases than this are not written.
    private const int MaxPhraseWords = 8;

    private static readonly Lazy<IReadOnlyList<Entry>> Glossary = new(Load);

    internal sealed record Entry(IReadOnlyList<string> Words, IReadOnlyList<IReadOnlyList<string>> Forms)
    {
        /// <summary>The phrase as the question may write it: its words in order, any punctuation or space between.</summary>
        public Regex Pattern { get; } = new(@"\b" + string.Join(@"[^\p{L}\p{N}]+", Words.Select(Regex.Escape)) + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>The technical words of every form a lay phrase in the question stands for (candidates to look up in the index).</summary>
    public static IReadOnlyList<string> CandidateWords(string question) =>
        Matches(question).SelectMany(m => m.Entry.Forms.SelectMany(f => f)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// A bridge for each technical form of each lay phrase the question writes, when the corpus uses every word of
    /// the form and the question does not already write it: the lay phrase's content words are its source words, so a
    /// paper that writes the form covers them.
    /// </summary>
    public static IReadOnlyList<QueryBridge> Bridges(string question, Func<string, bool> inCorpus)
    {
        var bridges = new List<QueryBridge>();
        var questionStems = Tokenizer.Words(question).Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, source) in Matches(question))
        {
            foreach (var form in entry.Forms)
            {
                if (form.All(w => questionStems.Contains(PorterStemmer.Stem(w))) || !form.All(inCorpus) || !seen.Add(string.Join(' ', source) + "→" + string.Join(' ', form)))
                {
                    continue;
                }
                bridges.Add(new QueryBridge(source, form, "lay term"));
            }
        }
        return bridges;
    }

    /// <summary>
    /// The question with each lay phrase written as the field writes it: the form the corpus uses with the most words
    /// ("chatbot" → "language model", not "llm"), longer phrases first. A phrase no form of which the corpus uses stays.
    /// </summary>
    public static string InFieldWords(string question, Func<string, bool> inCorpus)
    {
        var text = question;
        foreach (var (entry, _) in Matches(question).OrderByDescending(m => m.Entry.Words.Count))
        {
            var form = entry.Forms.Where(f => f.All(inCorpus)).OrderByDescending(f => f.Count).FirstOrDefault();
            if (form is not null)
            {
                text = entry.Pattern.Replace(text, string.Join(' ', form));
            }
        }
        return text;
    }

    private static IEnumerable<(Entry Entry, IReadOnlyList<string> Source)> Matches(string question)
    {
        var words = Tokenizer.Words(question);
        foreach (var entry in Glossary.Value)
        {
            var n = entry.Words.Count;
            for (var i = 0; i + n <= words.Count; i++)
            {
                var match = true;
                for (var j = 0; j < n && match; j++)
                {
                    match = words[i + j] == entry.Words[j];
                }
                if (match)
                {
                    if (!WrittenAsName(question, entry))
                    {
                        yield return (entry, words.Skip(i).Take(n).Where(w => !Tokenizer.IsStopWord(w)).ToList());
                    }
                    break;
                }
            }
        }
    }

    /// <summary>
    /// True when every place the question writes the phrase capitalises each of its words past the question's opening:
    /// then it is part of a name ("Let's Verify Step by Step", "Chatbot Arena"), not a lay description.
    /// </summary>
    private static bool WrittenAsName(string question, Entry entry)
    {
        var found = false;
        foreach (Match m in entry.Pattern.Matches(question))
        {
            found = true;
            var capitalised = m.Index > 0 && Regex.Matches(m.Value, @"\p{L}[\p{L}\p{N}]*").All(w => char.IsUpper(w.Value[0]) || Tokenizer.IsStopWord(w.Value));
            if (!capitalised)
            {
                return false;
            }
        }
        return found;
    }

    private static IReadOnlyList<Entry> Load()
    {
        using var stream = typeof(LayTerms).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The glossary {ResourceName} is not embedded in {typeof(LayTerms).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads the glossary's lines; a line that is not "phrase TAB form; form" is an error, not skipped silently.</summary>
    internal static IReadOnlyList<Entry> Parse(string text)
    {
        var entries = new List<Entry>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split('\t');
            var phrase = parts.Length == 2 ? Tokenizer.Words(parts[0]) : [];
            var forms = parts.Length == 2
                ? parts[1].Split(';').Select(f => (IReadOnlyList<string>)Tokenizer.Words(f).Where(w => !Tokenizer.IsStopWord(w)).ToList()).Where(f => f.Count > 0).ToList()
                : [];
            if (phrase.Count is 0 or > MaxPhraseWords || forms.Count == 0)
            {
                throw new FormatException($"{ResourceName} line {number}: expected \"lay phrase<TAB>form; form\", got \"{line}\".");
            }
            entries.Add(new Entry(phrase, forms));
        }
        return entries;
    }
}
