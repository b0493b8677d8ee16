namespace PaperBot.Core.Text;

/// <summary>
/// About 330 abbreviations English writes in capitals (FAQ, CEO, GPU, PDF, URL: SCOWL size 50, shipped as
/// <c>everyday-abbreviations.txt</c>). A question that writes one uses ordinary vocabulary, not a name the corpus
/// lacks: "which paper mines FAQ entries out of support-desk logs" is a paraphrase, "how does YOLO detect objects" is
/// about something absent. Loaded on first use, which only a question with an abbreviation no paper uses reaches.
/// </summary>
public static class EverydayAbbreviations
{
    private static readonly Lazy<HashSet<string>> Words = new(() => WordListResource.Load("everyday-abbreviations.txt"));

    /// <summary>The abbreviation in capitals ("FAQ"), or its plural written with a small s ("FAQs").</summary>
    public static bool Contains(string written) =>
        Words.Value.Contains(written) || (written.Length > 3 && written[^1] == 's' && Words.Value.Contains(written[..^1]));
}
