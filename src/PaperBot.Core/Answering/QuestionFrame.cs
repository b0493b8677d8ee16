using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// The words that frame a question rather than say what it is about: "what are the main approaches to making …",
/// "what techniques are there for …", "state of the art on …", "recent work on …", "an overview of the landscape of …",
/// "what kinds of methods are used for …". Counted as search words they ranked papers that happen to write "main",
/// "approaches" or "making" above the subject's own. Only the frame at the head of the question goes (<see cref="Without"/>):
/// "the Plan-and-Solve prompting method" or "a simple way to calibrate refusals" keep their words.
/// </summary>
public static class QuestionFrame
{
    /// <summary>
    /// <paramref name="question"/> from its first subject word on, when it opens with a frame (a frame noun such as
    /// "approaches", "methods", "ways", "overview", "state of the art", "recent work", with the question words,
    /// adjectives such as "main" and connectors around it, and a light verb after it: "making", "getting"). Unchanged
    /// when it opens with no frame noun, or when the frame is all there is ("what are the main approaches?").
    /// </summary>
    public static string Without(string question)
    {
        // "how do people reduce hallucination in RAG?": who does it is no subject; the words from the verb on are.
        if (AskedOfPeople.Match(question) is { Success: true } asked && Tokenizer.ContentWords(question[asked.Length..]).Count > 0)
        {
            return question[asked.Length..];
        }
        var sawFrame = false;
        var words = Word.Matches(question);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Value.ToLowerInvariant();
            if (FramePhrase.Match(question, words[i].Index) is { Success: true } phrase && phrase.Index == words[i].Index)
            {
                // "state of the art", "lines of work", "recent work", "body of research": consumed whole.
                var end = phrase.Index + phrase.Length;
                while (i + 1 < words.Count && words[i + 1].Index < end)
                {
                    i++;
                }
                sawFrame = true;
                continue;
            }
            if (FrameNouns.Contains(word))
            {
                sawFrame = true;
                continue;
            }
            if (FrameModifiers.Contains(word) || QuestionWords.Contains(word) || IsStopWord(word) || (sawFrame && LightVerbs.Contains(word)))
            {
                continue;
            }
            var rest = question[words[i].Index..];
            return sawFrame && Tokenizer.ContentWords(rest).Count > 0 ? rest : question;
        }
        return question;
    }

    /// <summary>"how do people reduce hallucination in RAG?", "what do researchers use to evaluate agents?": a question about
    /// what the field does, which several papers answer, not one.</summary>
    public static bool AsksWhatPeopleDo(string question) => AskedOfPeople.IsMatch(question);

    private static bool IsStopWord(string word) => Tokenizer.Words(word) is var parts && parts.Count > 0 && parts.All(Tokenizer.IsStopWord);

    /// <summary>What a frame asks for: the approaches, methods, ways… to the subject, an overview or landscape of it.</summary>
    private static readonly HashSet<string> FrameNouns = new(StringComparer.Ordinal)
    {
        "approaches", "approach", "methods", "method", "methodologies", "techniques", "technique", "ways", "way",
        "strategies", "strategy", "kinds", "kind", "types", "type", "directions", "ideas", "solutions", "families",
        "paradigms", "options", "tricks", "overview", "landscape", "avenues", "lines", "progress",
        "advances", "developments", "literature",
        // A request for a short account ("tldr of tulu 3", "the gist of the DeepSeekMoE paper"): some abstracts write
        // "gist" or "TL;DR" (a dataset), and searched as a subject word it outweighed the paper's own name.
        "gist", "tldr", "tl", "dr", "recap", "rundown", "synopsis", "summary", "nutshell", "eli5",
    };

    /// <summary>Adjectives around a frame noun ("the main approaches", "the current landscape").</summary>
    private static readonly HashSet<string> FrameModifiers = new(StringComparer.Ordinal)
    {
        "main", "key", "major", "common", "different", "various", "typical", "popular", "standard", "usual", "best",
        "leading", "current", "latest", "recent", "existing", "known", "important", "prominent", "dominant", "general",
        "basic", "notable", "primary", "principal", "broad", "high-level", "brief", "quick", "short",
    };

    /// <summary>Question and request words that open a frame ("give me an overview of", "what's there for").</summary>
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "what's", "whats", "what're", "exist", "exists", "existing", "available", "summarize", "summarise", "describe",
        "explain", "outline", "i'd", "i'm", "id", "want", "need", "looking", "interested", "like", "give", "me",
        "there", "there's", "used", "employed", "taken", "proposed", "known", "people", "researchers", "folks", "try",
        "tried", "typically", "usually", "generally", "currently",
    };

    /// <summary>A light verb right after a frame ("approaches to making LLM reasoning cheaper"): the subject follows it.</summary>
    private static readonly HashSet<string> LightVerbs = new(StringComparer.Ordinal)
    {
        "making", "make", "getting", "get", "keeping", "keep", "rendering", "turning",
    };

    // A word with its inner hyphens and apostrophes ("mixture-of-experts", "what's").
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex Word => field ??= new(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*");

    /// <summary>"how do people", "what do researchers usually", "how are folks": a question about what people in the field do.</summary>
    private static Regex AskedOfPeople => field ??= new(@"^\s*(?:so\s+|and\s+)?(?:how|what|why)\s+(?:do|does|did|can|could|would|should|might|have|are)\s+(?:people|researchers|folks|practitioners|others|the\s+authors|authors)\s+(?:usually\s+|typically\s+|generally\s+|currently\s+|actually\s+|even\s+)?", RegexOptions.IgnoreCase);

    private static Regex FramePhrase => field ??= new(@"\G(?:state[\s-]+of[\s-]+the[\s-]+art|lines?\s+of\s+(?:work|research)|bod(?:y|ies)\s+of\s+(?:work|research)|(?:recent|latest|current|existing|prior|new)\s+(?:work|research|studies|progress|advances|developments))\b", RegexOptions.IgnoreCase);
}
