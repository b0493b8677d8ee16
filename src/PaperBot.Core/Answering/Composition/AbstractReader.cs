using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering.Composition;

/// <summary>Splits an abstract into sentences, reads each one's role, and makes each fit to stand alone (or marks it unusable).</summary>
public static partial class AbstractReader
{
    // A sentence longer than this (about three lines in a chat window) is a run-on or a glued list, not one claim to show.
    private const int MaxDisplayLength = 420;

    /// <summary>
    /// The abstract's sentences with their roles and display text. Reading is a pure function of the text and costs
    /// a few dozen regular expressions a sentence, and one answer reads the same evidence papers several times (and the
    /// next question often the same papers again), so recent readings are kept: at most <see cref="RememberedAbstracts"/>,
    /// forgotten all at once when full.
    /// </summary>
    public static IReadOnlyList<AbstractSentence> Read(string abstractText)
    {
        if (Remembered.TryGetValue(abstractText, out var known))
        {
            return known;
        }
        if (Remembered.Count >= RememberedAbstracts)
        {
            Remembered.Clear();
        }
        var read = ReadAnew(abstractText);
        Remembered[abstractText] = read;
        return read;
    }

    // About 3 KB of sentences an abstract: a few megabytes at most, whatever the corpus's size.
    private const int RememberedAbstracts = 2048;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<AbstractSentence>> Remembered =
        new(StringComparer.Ordinal);

    private static IReadOnlyList<AbstractSentence> ReadAnew(string abstractText)
    {
        var raw = SentenceSplitter.Split(SentenceHygiene.WithoutStrayPunctuation(abstractText));
        var sentences = new List<AbstractSentence>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var roles = RolesOf(raw[i], i);
            sentences.Add(new AbstractSentence(i, raw[i], roles, roles.HasFlag(SentenceRole.LinkOnly) ? null : DisplayOf(raw, i)));
        }
        return sentences.AsReadOnly();
    }

    /// <summary>The sentence alone when it stands alone; with the sentence before it when it points back and that one stands alone.</summary>
    private static string? DisplayOf(IReadOnlyList<string> raw, int i)
    {
        if (SentenceHygiene.Standalone(raw[i]) is { } alone)
        {
            return alone.Length <= MaxDisplayLength ? alone : null;
        }
        if (i > 0 && SentenceHygiene.Standalone(raw[i - 1]) is { } antecedent && !SentenceHygiene.IsLinkOnly(raw[i - 1])
            && antecedent + " " + raw[i].Trim() is { Length: <= MaxDisplayLength } joined)
        {
            return joined;
        }
        return ClauseAfterColon(raw[i]);
    }

    /// <summary>
    /// "Crucially, these trends transfer to human listeners: we conduct a human evaluation where …, finding 47% fewer …":
    /// when only the words before the colon point back, the clause after it, the authors' own ("we …"), is a claim of its own, shown alone when the
    /// sentence cannot be shown with the one before it (too long together). Null when it too needs an antecedent.
    /// </summary>
    private static string? ClauseAfterColon(string sentence)
    {
        var colon = sentence.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var clause = sentence[(colon + 2)..].Trim();
        // "…: we conduct a human evaluation …, finding …" is the authors' claim; "…three factors: the probability of the
        // task, …" is a list that means nothing without the words before the colon.
        return clause.StartsWith("we ", StringComparison.OrdinalIgnoreCase) && clause.Length >= MinClauseLength && SentenceHygiene.Standalone(clause) is { Length: <= MaxDisplayLength } alone
            && Text.Tokenizer.ContentWords(alone).Count >= 6 ? char.ToUpperInvariant(alone[0]) + alone[1..] : null;
    }

    /// <summary>
    /// For a sentence that cannot be shown whole (too long, or pointing back to a sentence it is too long to join): the run
    /// of its clauses (cut at commas and semicolons outside brackets) that <paramref name="score"/> rates highest, at most
    /// <see cref="MaxExcerptLength"/> characters, shorter on a tie, marked with an ellipsis where words were left out. A
    /// run that opens the sentence is not taken when the sentence points back. Null when no run scores above zero.
    /// </summary>
    public static AbstractSentence? Excerpt(AbstractSentence sentence, Func<AbstractSentence, double> score)
    {
        if (sentence.Is(SentenceRole.LinkOnly))
        {
            return null;
        }
        var raw = sentence.Raw.Trim();
        var cuts = new List<int> { 0 };
        var depth = 0;
        for (var i = 0; i < raw.Length - 1; i++)
        {
            depth += raw[i] is '(' or '[' ? 1 : raw[i] is ')' or ']' ? -1 : 0;
            if (depth <= 0 && raw[i] is ',' or ';' && raw[i + 1] == ' ')
            {
                cuts.Add(i + 2);
            }
        }
        cuts.Add(raw.Length + 2);
        var pointsBack = SentenceHygiene.NeedsAntecedent(raw);
        AbstractSentence? best = null;
        var bestScore = 0.0;
        for (var a = pointsBack ? 1 : 0; a < cuts.Count - 1; a++)
        {
            for (var b = a + 1; b < cuts.Count; b++)
            {
                var text = raw[cuts[a]..Math.Min(raw.Length, cuts[b] - 2)].TrimEnd(',', ';', ' ', '.');
                if (text.Length > MaxExcerptLength)
                {
                    break;
                }
                if (Tokenizer.ContentWords(text).Count < MinExcerptWords || text.Contains("http", StringComparison.OrdinalIgnoreCase)
                    || (a > 0 && ClauseOpener().IsMatch(text)))
                {
                    continue;
                }
                var display = (a > 0 ? "…" : "") + text + (b < cuts.Count - 1 ? " …" : ".");
                var candidate = new AbstractSentence(sentence.Index, text, RolesOf(text, sentence.Index), display);
                var value = score(candidate);
                if (value > bestScore || (value == bestScore && best is not null && display.Length < best.Display!.Length))
                {
                    (best, bestScore) = (candidate, value);
                }
            }
        }
        return best;
    }

    /// <summary>
    /// For a sentence that points back and is too long to show with the sentence before it ("This approach - which we
    /// call the teleological approach - leads us to identify three factors …: the probability of …"): that sentence, then
    /// the run of clauses that opens this one (cut at commas, semicolons and colons outside brackets), together at most
    /// <see cref="MaxDisplayLength"/> characters, the one <paramref name="score"/> rates highest (scored on this sentence's
    /// words), shorter on a tie. Null when the sentence needs no antecedent, the one before cannot be shown, or no run fits.
    /// </summary>
    public static AbstractSentence? ExcerptAfter(string antecedentRaw, AbstractSentence sentence, Func<AbstractSentence, double> score)
    {
        if (sentence.Is(SentenceRole.LinkOnly) || !SentenceHygiene.NeedsAntecedent(sentence.Raw) || SentenceHygiene.IsLinkOnly(antecedentRaw)
            || SentenceHygiene.Standalone(antecedentRaw) is not { } antecedent)
        {
            return null;
        }
        var raw = sentence.Raw.Trim();
        var ends = new List<int>();
        var depth = 0;
        for (var i = 0; i < raw.Length - 1; i++)
        {
            depth += raw[i] is '(' or '[' ? 1 : raw[i] is ')' or ']' ? -1 : 0;
            if (depth <= 0 && raw[i] is ',' or ';' or ':' && raw[i + 1] == ' ')
            {
                ends.Add(i);
            }
        }
        // The whole sentence too ("However, we observe that this paradigm performs poorly on …" has no clause to cut at).
        ends.Add(raw.Length);
        AbstractSentence? best = null;
        var bestScore = 0.0;
        foreach (var end in ends)
        {
            var text = raw[..end].TrimEnd(',', ';', ':', ' ', '.');
            var display = end == raw.Length ? antecedent + " " + raw : antecedent + " " + text + " …";
            if (display.Length > MaxDisplayLength)
            {
                break;
            }
            if (Tokenizer.ContentWords(text).Count < MinExcerptWords)
            {
                continue;
            }
            var candidate = new AbstractSentence(sentence.Index, text, RolesOf(text, sentence.Index), display);
            var value = score(candidate);
            if (value > bestScore)
            {
                (best, bestScore) = (candidate, value);
            }
        }
        return best;
    }

    /// <summary>
    /// "…yields three key benefits: (1) Normative Pluralism: …" followed by "(2) Epistemological Completeness: …" and "(3) …":
    /// the sentences after <paramref name="opener"/> that carry on the numbered list it opens, as written (numbers kept).
    /// None when the sentence opens no list or holds the whole list itself.
    /// </summary>
    public static IEnumerable<string> ListItemsAfter(IReadOnlyList<AbstractSentence> read, AbstractSentence opener)
    {
        if (ListOpens().Match(opener.Raw) is not { Success: true } open)
        {
            yield break;
        }
        var roman = open.Groups["n"].Value.Equals("i", StringComparison.OrdinalIgnoreCase);
        string[] romans = ["ii", "iii", "iv", "v", "vi", "vii", "viii"];
        for (var (j, n) = (opener.Index + 1, 2); j < read.Count && n <= 8; j++, n++)
        {
            var label = roman ? romans[n - 2] : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var raw = read[j].Raw.Trim();
            if (!raw.StartsWith($"({label})", StringComparison.OrdinalIgnoreCase) && !raw.StartsWith($"{label})", StringComparison.OrdinalIgnoreCase))
            {
                yield break;
            }
            yield return raw;
        }
    }

    // "(1) …" or "(i) …" inside a sentence whose item (2) is not in it.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\(?(?<n>1|i)\)\s+\p{L}(?![^\n]*\(?(?:2|ii)\)\s)", RegexOptions.IgnoreCase)]
    private static partial Regex ListOpens();

    // A clause that opens with a conjunction or an enumerator ("but gender inconsistency…", "(2) the level…") continues
    // another; an excerpt does not start there.
    [GeneratedRegex(@"^(?:(?:but|and|or|yet|so|while|whereas|although|though|nor)\b|\(?\d+\)|\(?[ivx]+\)|\(?[a-h]\))", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseOpener();

    // An excerpt longer than this is most of a run-on sentence; shorter than this many content words, a fragment.
    private const int MaxExcerptLength = 300;
    private const int MinExcerptWords = 5;

    // A clause shorter than this ("we show two things") says too little to stand for the sentence.
    private const int MinClauseLength = 60;

    public static SentenceRole RolesOf(string s, int index)
    {
        if (SentenceHygiene.IsLinkOnly(s))
        {
            return SentenceRole.LinkOnly;
        }
        var roles = SentenceRole.None;
        // "To address this, we encourage the model to…": a sentence that opens by naming the problem goes on to the solution.
        if (Contribution().IsMatch(s) || (SentenceHygiene.OpensWithPurpose(s) && WeDo().IsMatch(s)))
        {
            roles |= SentenceRole.Contribution;
        }
        if (Result().IsMatch(s))
        {
            roles |= SentenceRole.Result;
        }
        if (Figure().IsMatch(s))
        {
            roles |= SentenceRole.Number | SentenceRole.Result;
        }
        if (Method().IsMatch(s))
        {
            roles |= SentenceRole.Method;
        }
        // "We aim to enhance X by learning from feedback": what the authors want, not what they built or found.
        if (Aim().IsMatch(s) && !ContributionVerb().IsMatch(s))
        {
            roles &= ~(SentenceRole.Contribution | SentenceRole.Method);
            roles |= SentenceRole.Background;
        }
        if ((roles & (SentenceRole.Contribution | SentenceRole.Result)) == 0 && (index == 0 || Background().IsMatch(s)))
        {
            roles |= SentenceRole.Background;
        }
        return roles;
    }

    [GeneratedRegex(@"\b(?:we|this\s+(?:paper|work|study|report|article)|our\s+(?:work|paper|study))\s+(?:\w+\s+){0,3}?(?:propose|proposes|introduce|introduces|present|presents|develop|develops|design|designs|build|construct|create|offer|formulate|devise|put\s+forward|call|term|dub|release|contribute|curate)\b|\b(?:is|are)\s+proposed\b|\b(?:a|an)\s+(?:novel|new)\s+(?:\w+\s+){0,3}?(?:method|approach|framework|benchmark|dataset|model|algorithm|technique|paradigm|architecture|metric|system|strategy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Contribution();

    [GeneratedRegex(@"^\W*(?:(?:to\s+\w+\s+(?:this|these|that)[\w\s-]{0,40},\s*)?(?:in\s+this\s+(?:paper|work),\s*)?(?:we|this\s+(?:paper|work|study))\s+(?:aims?|seeks?|strives?|hopes?|wants?)\s+to|our\s+(?:goal|aim|objective)\s+is\s+to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Aim();

    [GeneratedRegex(@"\b(?:propose|proposes|introduce|introduces|present|presents)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContributionVerb();

    [GeneratedRegex(@"\b(?:we|our\s+\w+)\s+(?:\w+\s+){0,2}?(?:show|shows|find|found|demonstrate|illustrate|observe|reveal|uncover|discover|confirm|prove|establish|identify|report)\b|\b(?:results?|experiments?|evaluations?|analys[ie]s|findings|studies|ablations?)\s+(?:\w+\s+){0,4}?(?:show|shows|demonstrate|indicate|reveal|suggest|confirm|highlight|verify|validate)\b|\b(?:achiev(?:es|ed|ing)\s+(?:a\s+|an\s+|the\s+)?(?:\d|state|sota|superior|comparable|better|higher|lower|competitive|strong|new|significant|substantial|consistent|remarkable|up\s+to|over|scores?|accuracy|performance\s+(?:comparable|on\s+par))|outperform\w*|surpass\w*|improv\w+\s+(?:the\s+)?(?:accuracy|performance)|beats?|exceed\w*|comparable\s+(?:performance|results))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Result();

    /// <summary>How strongly a result sentence states a headline result: figures, percentages, "outperforms", "we find".</summary>
    public static double Headline(AbstractSentence s) =>
        (s.Is(SentenceRole.Number) ? 2 : 0) + (s.Raw.Contains('%', StringComparison.Ordinal) ? 1 : 0) + (Strong().IsMatch(s.Raw) ? 1 : 0)
        - (s.Is(SentenceRole.Background) ? 2 : 0);

    [GeneratedRegex(@"\b(?:achiev(?:es|ed)|outperform\w*|surpass\w*|state-of-the-art|we\s+(?:\w+\s+)?(?:find|found|show|demonstrate|observe)|speed-?up)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Strong();

    /// <summary>"However, existing methods suffer from…", "remains less explored", "still struggle": the gap a paper takes
    /// on, as its abstract states it before the contribution.</summary>
    public static bool StatesGap(string s) => Gap().IsMatch(s);

    [GeneratedRegex(@"\b(?:however|but|yet|although|despite|struggle[sd]?|suffers?|suffering|limited|lacks?|lacking|fails?|failing|remains?\s+(?:a|an|unclear|challenging|difficult|open|underexplored|less\s+explored|unknown)|less\s+explored|under-?explored|challeng(?:e|es|ing)|problem|issue|bottleneck|costly|expensive|hinder(?:s|ed)?|prone\s+to|unreliable|obscure|only\s+(?:focus|consider)|primarily\s+focused|until\s+now|little\s+is\s+known|is\s+this|can\s+\w+\s+(?:arise|be))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Gap();

    /// <summary>"These results show…", "we conclude…", "our method significantly improves…": the sentence that closes an
    /// abstract with what was found.</summary>
    public static bool Concludes(string s) => Conclusion().IsMatch(s);

    [GeneratedRegex(@"\b(?:results?\s+(?:show|shows|indicate|suggest|demonstrate|reveal)|experiments?\s+(?:show|on|across)|we\s+(?:conclude|find|found|show|demonstrate)|significantly\s+improv\w+|outperform\w*|surpass\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Conclusion();

    /// <summary>"We release three new datasets…": a by-product, not what the paper is about.</summary>
    public static bool ReleasesResources(string s) => Releases().IsMatch(s);

    [GeneratedRegex(@"\b(?:we|will)\s+(?:also\s+|publicly\s+)?(?:release|open-?source|make\s+\w+\s+(?:publicly\s+)?available)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Releases();

    [GeneratedRegex(@"\bwe\s+(?:\w+\s+){0,2}?\w+", RegexOptions.IgnoreCase)]
    private static partial Regex WeDo();

    [GeneratedRegex(@"\d+(?:[.,]\d+)?\s*(?:%|x\b|×|-?fold|\s+times\b|k\b|K\b|M\b|B\b)|\b(?:from|to)\s+\d|\d+(?:[.,]\d+)?\s*(?:points?|pp|tokens|questions|samples|examples|pairs|papers|models|tasks|datasets|languages|hours)\b|\b\d{2,}(?:,\d{3})+\b|\b\d{3,}\b(?<!\b(?:19|20)\d\d\b)")]
    private static partial Regex Figure();

    [GeneratedRegex(@"\b(?:by\s+\w+ing|via|through|consists?\s+of|comprises?|stages?|steps?|modules?|components?|mechanisms?|architecture|pipeline|we\s+(?:\w+\s+)?(?:use|train|fine-?tune|apply|adopt|augment|encode|decompose|split|distill|select|allow|replace|model|formulate|parameteri[sz]e|leverage|employ|integrate|combine|incorporate|learn|construct|utilize|measure|generate|sample|compute|optimi[sz]e)|(?:it|which|that)\s+(?:uses|leverages|employs|trains|learns|splits|assigns|relies|dynamically|iteratively|automatically|processes|decomposes|selects|combines)|leverages|employs|is\s+utilized|is\s+employed|is\s+trained|is\s+achieved|instead\s+of|rather\s+than)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Method();

    [GeneratedRegex(@"\b(?:aims?\s+to|refers?\s+to|has\s+become|have\s+become|has\s+been|have\s+been|have\s+shown|has\s+shown|is\s+(?:a|an|the)\s+(?:key|crucial|critical|promising|popular|common|fundamental|important)|are\s+increasingly|remains?\s+(?:a|an|challenging|unclear|underexplored)|recent(?:ly)?\s+(?:advances|years|work|studies)|in\s+recent\s+years|existing\s+(?:methods|approaches|work)|prior\s+(?:work|approaches|methods)|previous\s+(?:work|research|studies|methods))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Background();
}
