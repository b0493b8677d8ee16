using System.Text.RegularExpressions;
using PaperBot.Core.Answering.Composition;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Text;

namespace PaperBot.Host.Evaluation;

/// <summary>
/// How good one answer is to read, beyond finding the right paper: whether each cited sentence is supported by the
/// papers it cites, whether two sentences say the same thing, sentences opening with a dangling connective or
/// anaphor, LaTeX or markup left in, and whether the answer has the shape its question asks for ("who wrote" gets
/// authors, "when" a date, "compare" both papers, "which papers" several, "how many" the figure first).
/// The question's wording is read here with its own rules, not the answerer's, so the check is not circular.
/// </summary>
public static partial class AnswerQuality
{
    // Cited sentences whose content words appear in the cited papers at least this much count as supported.
    private const double SupportShare = 0.8;

    public sealed record Scores(bool? Supported, int SentencesSupported, int SentencesCited, bool Redundant, int DanglingOpeners, int MarkupLeaks, string? Shape, bool? Compliant);

    public static Scores Score(string question, bool expectsAbstention, SystemResponse response, IReadOnlyList<string> gold, Func<string, Paper?> paper)
    {
        var bodies = response.Sentences.Select(s => (Body: Body(s.Text, s.CitedIds.Select(paper).OfType<Paper>()), s.CitedIds)).ToList();
        var cited = bodies.Where(s => s.CitedIds.Count > 0).ToList();
        var supported = cited.Count(s => IsSupported(s.Body, s.CitedIds.Select(paper).OfType<Paper>().ToList()));
        var redundant = false;
        for (var i = 0; i < cited.Count && !redundant; i++)
        {
            for (var j = i + 1; j < cited.Count && !redundant; j++)
            {
                redundant = SentenceHygiene.NearDuplicate(cited[i].Body, cited[j].Body);
            }
        }
        var dangling = bodies.Where((s, i) => SentenceHygiene.IsDangling(s.Body) && !FollowsItsAntecedent(bodies, i, paper)).Count();
        var leaks = response.Sentences.Count(s => MarkupNormalizer.HasLeak(s.Text));
        var (shape, compliant) = expectsAbstention || response.Abstained ? ((string?)null, (bool?)null) : Compliance(question, response, gold, paper);
        return new Scores(cited.Count == 0 ? null : supported == cited.Count, supported, cited.Count, redundant, dangling, leaks, shape, compliant);
    }

    /// <summary>
    /// True when sentence <paramref name="i"/> is quoted from a cited abstract right after the sentence it points back to
    /// ("This theory motivates…" after the theory): it reads as the abstract wrote it, nothing dangles.
    /// </summary>
    private static bool FollowsItsAntecedent(IReadOnlyList<(string Body, IReadOnlyList<string> CitedIds)> bodies, int i, Func<string, Paper?> paper)
    {
        if (i == 0 || bodies[i].CitedIds.Count != 1 || !bodies[i - 1].CitedIds.SequenceEqual(bodies[i].CitedIds) || paper(bodies[i].CitedIds[0]) is not { } p)
        {
            return false;
        }
        var raw = SentenceSplitter.Split(p.Abstract).Select(r => r.Trim()).ToList();
        var j = raw.IndexOf(bodies[i].Body.Trim());
        var before = bodies[i - 1].Body.Trim();
        return j > 0 && (before.EndsWith(raw[j - 1], StringComparison.Ordinal)
            || SentenceHygiene.Standalone(raw[j - 1]) is { } alone && before.EndsWith(alone, StringComparison.Ordinal));
    }

    /// <summary>The sentence without its [n] marks and without the composer's "Name: " label (a sentence that opens with a
    /// cited paper's whole title, "Unlocking Efficiency…: A Comprehensive Survey… is by…", has no label).</summary>
    private static string Body(string rendered, IEnumerable<Paper> cited)
    {
        var text = Marks().Replace(rendered, "").Trim();
        var label = Label().Match(text);
        var name = label.Success ? label.Value.TrimEnd().TrimEnd(':') : null;
        return name is not null && cited.Any(p => p.Title.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            && !cited.Any(p => text.StartsWith(p.Title, StringComparison.OrdinalIgnoreCase)) ? text[label.Length..] : text;
    }

    private static bool IsSupported(string sentence, IReadOnlyList<Paper> papers)
    {
        if (papers.Count == 0)
        {
            return false;
        }
        var words = Tokenizer.ContentWords(WithoutListingNotes(sentence)).Select(PorterStemmer.Stem).Distinct().ToList();
        if (words.Count == 0)
        {
            return true;
        }
        var source = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in papers)
        {
            source.UnionWith(TermWeights.StemsOf(p.Title + " " + p.Abstract + " " + string.Join(' ', p.Authors) + " " + string.Join(' ', p.Orgs) + " " + (p.Date?.ToDisplay() ?? "")
                + " " + ListedFacts(p)));
        }
        // Words the answer adds around the quote ("listed", "date", "build") are few; a sentence from elsewhere shares little.
        return words.Count(source.Contains) / (double)words.Count >= SupportShare;
    }

    /// <summary>The other facts a listing gives, as an answer line states them: "code: https://…", "20 authors", "3 upvotes".</summary>
    private static string ListedFacts(Paper p) =>
        string.Join(' ', p.Links) + (p.HasCode == true ? " code" : "") + (p.AuthorCount is { } n ? $" {n} authors" : "") + (p.Upvotes is { } u ? $" {u} upvotes" : "");

    /// <summary>
    /// The sentence without the bot's own notes about the listing it read: "; the listing truncates the author list, so
    /// only these 3 are known", "(the listing gives the count, not the names)", "None of the listings of X gives a date",
    /// and "et al.". They say what the listing shows or lacks, which no abstract states, so they are not claims to find
    /// in the paper; the rest of the sentence is still checked. A note is a clause (between semicolons, or in brackets)
    /// that names the listing, and a clause right after one that goes on about it ("; it only says…").
    /// </summary>
    private static string WithoutListingNotes(string sentence)
    {
        var text = ListingAside().Replace(EtAl().Replace(sentence, ""), "");
        var kept = new List<string>();
        var afterNote = false;
        foreach (var clause in text.Split(';'))
        {
            afterNote = NamesListing().IsMatch(clause) || (afterNote && ContinuesNote().IsMatch(clause));
            if (!afterNote)
            {
                kept.Add(clause);
            }
        }
        return string.Join(';', kept);
    }

    private static (string? Shape, bool? Compliant) Compliance(string question, SystemResponse response, IReadOnlyList<string> gold, Func<string, Paper?> paper)
    {
        var text = response.AnswerText;
        var citedIds = response.CitedIds.Distinct(StringComparer.Ordinal).ToList();
        if (AuthorsAsked().IsMatch(question))
        {
            var authors = gold.Select(paper).OfType<Paper>().SelectMany(p => p.Authors).ToList();
            return ("authors", authors.Count > 0
                ? authors.Any(a => text.Contains(a, StringComparison.OrdinalIgnoreCase))
                : NoAuthors().IsMatch(text));
        }
        if (DateAsked().IsMatch(question))
        {
            return ("date", DateGiven().IsMatch(text));
        }
        if (CompareAsked().IsMatch(question))
        {
            return ("compare", gold.Count >= 2 ? gold.Count(citedIds.Contains) >= 2 : citedIds.Count >= 2);
        }
        if (OriginAsked().IsMatch(question))
        {
            return ("origin", (citedIds.Count > 0 && gold.Contains(citedIds[0])) || NotInCorpus().IsMatch(text));
        }
        if (FigureAsked().IsMatch(question))
        {
            return ("figure", response.Sentences.Count > 0 && response.Sentences[0].Text.Any(char.IsDigit));
        }
        if (SeveralAsked().IsMatch(question) && gold.Count >= 2)
        {
            return ("several", citedIds.Count >= 2);
        }
        return (null, null);
    }

    [GeneratedRegex(@"\blistings?\b", RegexOptions.IgnoreCase)]
    private static partial Regex NamesListing();

    [GeneratedRegex(@"\([^()]*\blistings?\b[^()]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ListingAside();

    [GeneratedRegex(@"\bet\s+al\b\.?")]
    private static partial Regex EtAl();

    [GeneratedRegex(@"^\s*(?:it|they)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContinuesNote();

    [GeneratedRegex(@"(?:\s*\[\d+\])+\s*$")]
    private static partial Regex Marks();

    [GeneratedRegex(@"^[^:.!?]{1,60}:\s+(?=\S)")]
    private static partial Regex Label();

    [GeneratedRegex(@"^\s*(?:who\s+(?:wrote|authored|are\s+the\s+authors|is\s+the\s+author)|(?:what|which)\s+(?:are|were)\s+the\s+authors|list\s+the\s+authors|name\s+the\s+authors)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorsAsked();

    [GeneratedRegex(@"\b(?:do\s+not|don't)\s+name\b|\bnot\s+(?:name|give)\w*\s+(?:the\s+)?authors|\bauthors\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoAuthors();

    [GeneratedRegex(@"^\s*(?:when\s+(?:was|were|is|did)|what\s+(?:date|year)|in\s+which\s+year)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateAsked();

    [GeneratedRegex(@"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|\b(?:19|20)\d\d\b|\bno\s+(?:date|year)\b|\bgives?\s+(?:a\s+)?(?:no\s+)?date\b|\bnone\s+of\s+its\s+listings\s+gives\s+a\s+date\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateGiven();

    [GeneratedRegex(@"^\s*(?:please\s+)?(?:compare|contrast)\b|\bhow\s+(?:does|do|is|are)\s+.+?\s+(?:compare|differ|stack\s+up)\s+(?:with|to|from|against)\b|\b(?:differences?|comparison)\s+between\b.+\band\b|^\s*\S+(?:\s+\S+){0,3}\s+(?:vs\.?|versus)\s+\S+(?:\s+\S+){0,3}\s*\??\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CompareAsked();

    [GeneratedRegex(@"\b(?:introduced|proposed|invented|came\s+up\s+with|coined|origin\s+of)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OriginAsked();

    [GeneratedRegex(@"\bnot\s+in\s+the\s+(?:corpus|reading\s+list|papers)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotInCorpus();

    [GeneratedRegex(@"\b(?:how\s+(?:many|much)|what\s+(?:\w+\s+){0,3}(?:score|scores|rate|accuracy|number|percentage|speedup|speed-up)|by\s+how\s+much)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FigureAsked();

    [GeneratedRegex(@"\b(?:papers|any\s+(?:papers?|work)|anything\s+(?:on|about)|which\s+(?:papers|works)|what\s+work)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SeveralAsked();
}
