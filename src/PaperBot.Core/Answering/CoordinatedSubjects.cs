using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// Subjects a question gives as alternatives ("X or Y", "X, Y or Z", "X and/or Y", "X / Y"), each made whole when the
/// part they share is written once (coordination ellipsis), so each alternative can be searched on its own:
/// <list type="bullet">
/// <item>a subject before a colon belongs to every alternative: "speech: recognition, synthesis or translation" is
/// "speech recognition", "speech synthesis", "speech translation" (<see cref="ColonHead"/>);</item>
/// <item>a hyphen fragment takes the rest of its word from its neighbour: "pre- or post-training", "zero- or few-shot
/// prompting", "text-to-image or -video generation" (<see cref="CompleteHyphenFragments"/>);</item>
/// <item>an alternative ending in a preposition takes the object of the last one: "learning from or generating natural
/// language feedback" (<see cref="CompleteDanglingPrepositions"/>);</item>
/// <item>a one-word alternative before a longer last one takes its tail: "image or video editing", "detecting or
/// correcting factual inconsistencies" (<see cref="ShareTail"/>);</item>
/// <item>the alternatives after "X for Y" take "X for": "mixture of experts for reward modeling or question answering";
/// one-word alternatives after a longer first one take its head when the corpus writes them so ("speech recognition,
/// synthesis or translation") (<see cref="ShareHead"/>).</item>
/// </list>
/// A one-word alternative that is a subject on its own stays as written ("speculative decoding or persuasion"). When an
/// alternative cannot be made whole (no content word left, a fragment with nothing to complete it), the text is one
/// subject and <see cref="Of"/> returns null: searched as a whole, as before alternatives were read.
/// </summary>
public static class CoordinatedSubjects
{
    /// <summary>
    /// The whole alternatives <paramref name="text"/> joins, in order; null for one subject or when in doubt.
    /// </summary>
    /// <param name="text">The words that hold the alternatives ("image or video editing"), without the question's frame.</param>
    /// <param name="writtenAsPhrase">Whether some paper writes these words in this order ("image editing"): the corpus
    /// says whether a one-word alternative shares a neighbour's tail or head. Null: only the written form decides.</param>
    /// <param name="bareSlash">"X/Y" with no spaces joins alternatives too (the metadata reader's topics).</param>
    public static IReadOnlyList<string>? Of(string text, Func<string, bool>? writtenAsPhrase = null, bool bareSlash = false)
    {
        text = Trailing.Replace(text ?? "", "").Trim();
        var head = ColonHead(ref text);
        text = Either.Replace(text, "");
        var items = (bareSlash ? JoinerOrBareSlash : Joiner).Split(text)
            .Select(i => i.Trim())
            .Where(i => i.Length > 0)
            .Select(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList())
            .ToList();
        if (items.Count < 2 || !HasJoiner(text, bareSlash))
        {
            return null;
        }
        if (!CompleteHyphenFragments(items) || !CompleteDanglingPrepositions(items, out var completed))
        {
            return null;
        }
        if (!completed)
        {
            ShareTail(items, writtenAsPhrase);
            ShareHead(items, writtenAsPhrase);
        }
        var subjects = items.Select(i => string.Join(' ', i)).ToList();
        if (head is not null)
        {
            // The subject before the colon, unless an alternative already names it ("video: editing or video understanding").
            var headWords = Tokenizer.ContentWords(head);
            subjects = subjects.Select(s => headWords.All(Tokenizer.ContentWords(s).Contains) ? s : head + " " + s).ToList();
        }
        subjects = subjects.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return subjects.Count >= 2 && subjects.All(s => Tokenizer.ContentWords(s).Count > 0) ? subjects : null;
    }

    /// <summary>"speech: recognition or translation": the words before the colon, taken out of <paramref name="text"/>,
    /// when the alternatives are after it and the words before it hold a content word; otherwise null.</summary>
    private static string? ColonHead(ref string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Joiner.IsMatch(text[(colon + 1)..]) || Joiner.IsMatch(text[..colon]))
        {
            return null;
        }
        var head = text[..colon].Trim();
        if (Tokenizer.ContentWords(head).Count == 0)
        {
            return null;
        }
        text = text[(colon + 1)..].Trim();
        return head;
    }

    private static bool HasJoiner(string text, bool bareSlash) => Or.IsMatch(text) || (bareSlash && BareSlash.IsMatch(text));

    /// <summary>
    /// "continual pre- or post-training": "pre-" takes "-training" from the next alternative's first word, and a one-word
    /// alternative it completes takes the words before the fragment ("continual post-training"). "text-to-image or
    /// -video generation": "-video" takes "text-to" from the previous alternative's last word. False when a fragment has
    /// no neighbour to complete it.
    /// </summary>
    private static bool CompleteHyphenFragments(List<List<string>> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item[^1].Length > 1 && item[^1].EndsWith('-'))
            {
                var next = items.Skip(i + 1).FirstOrDefault(n => n[0].LastIndexOf('-') > 0);
                if (next is null)
                {
                    return false;
                }
                // "in- or out-of-distribution": the fragment takes what follows the last hyphen.
                var word = next[0];
                item[^1] = item[^1][..^1] + word[word.LastIndexOf('-')..];
                item.AddRange(next.Skip(1));
                if (next.Count == 1 && item.Count > 1)
                {
                    next.InsertRange(0, item.Take(item.Count - 1));
                }
            }
            else if (item[0].Length > 1 && item[0].StartsWith('-'))
            {
                var previous = items.Take(i).LastOrDefault(p => p[^1].LastIndexOf('-') > 0);
                if (previous is null)
                {
                    return false;
                }
                var word = previous[^1];
                item[0] = word[..word.LastIndexOf('-')] + item[0];
                item.InsertRange(0, previous.Take(previous.Count - 1));
            }
        }
        return true;
    }

    /// <summary>
    /// "learning from or generating natural language feedback": an alternative ending in a preposition takes the last
    /// alternative's object (the words after its last preposition, or after its first word). False when there is none.
    /// <paramref name="completed"/>: some alternative was, so the alternatives are whole and share nothing more.
    /// </summary>
    private static bool CompleteDanglingPrepositions(List<List<string>> items, out bool completed)
    {
        completed = false;
        var last = items[^1];
        for (var i = 0; i < items.Count - 1; i++)
        {
            if (!Prepositions.Contains(items[i][^1].ToLowerInvariant()))
            {
                continue;
            }
            var at = last.FindLastIndex(w => Prepositions.Contains(w.ToLowerInvariant()));
            var tail = at >= 0 ? last.Skip(at + 1).ToList() : last.Skip(1).ToList();
            if (tail.Count == 0)
            {
                return false;
            }
            items[i].AddRange(tail);
            completed = true;
        }
        return !Prepositions.Contains(last[^1].ToLowerInvariant());
    }

    /// <summary>
    /// A one-word alternative before a last one of several words takes the last one's words after its first: "image or
    /// video editing" is "image editing"; "detecting or correcting factual inconsistencies" is "detecting factual
    /// inconsistencies"; "multi-hop or open-domain question answering" is "multi-hop question answering". Only when the
    /// word is of the same form as the last one's first word (both gerunds, both hyphenated) or the corpus writes the
    /// word before that tail ("image editing"); "RLHF or model merging" stays two subjects.
    /// </summary>
    private static void ShareTail(List<List<string>> items, Func<string, bool>? writtenAsPhrase)
    {
        var last = items[^1];
        if (last.Count < 2 || Prepositions.Contains(last[0].ToLowerInvariant()) || Determiners.Contains(last[0].ToLowerInvariant()))
        {
            return;
        }
        for (var i = 0; i < items.Count - 1; i++)
        {
            var word = items[i];
            if (word.Count != 1)
            {
                continue;
            }
            var parallel = !IsName(word[0]) && SameForm(word[0], last[0]);
            if (parallel || writtenAsPhrase?.Invoke(word[0] + " " + last[1]) == true)
            {
                items[i] = [word[0], .. last.Skip(1)];
            }
        }
    }

    /// <summary>
    /// "benchmarks for text-to-SQL, hallucination detection or continual learning": the alternatives after a first one
    /// with a preposition ("for", "in", "from", …) and none of their own take its words up to that preposition.
    /// "speech recognition, synthesis or translation": one-word alternatives after a first one of several words take its
    /// words but the last, when the corpus writes one of them so ("speech translation"); "speculative decoding or
    /// persuasion" stays two subjects.
    /// </summary>
    private static void ShareHead(List<List<string>> items, Func<string, bool>? writtenAsPhrase)
    {
        var first = items[0];
        if (first.Count < 2)
        {
            return;
        }
        var at = first.FindLastIndex(w => HeadPrepositions.Contains(w.ToLowerInvariant()));
        if (at > 0 && at < first.Count - 1)
        {
            var head = first.Take(at + 1).ToList();
            for (var i = 1; i < items.Count; i++)
            {
                // "reasoning over tables or answering questions": an alternative that starts as the first one does is
                // parallel to it, not to its object.
                if (!items[i].Any(w => Prepositions.Contains(w.ToLowerInvariant())) && !Determiners.Contains(items[i][0].ToLowerInvariant())
                    && !(IsGerund(first[0]) && IsGerund(items[i][0])))
                {
                    items[i] = [.. head, .. items[i]];
                }
            }
            return;
        }
        var bare = Enumerable.Range(1, items.Count - 1).Where(i => items[i].Count == 1).ToList();
        if (bare.Count == 0 || writtenAsPhrase is null)
        {
            return;
        }
        // The list is parallel: if the corpus writes one of the completed alternatives, each of them shares the head.
        if (bare.Any(i => writtenAsPhrase(first[^2] + " " + items[i][0])))
        {
            foreach (var i in bare)
            {
                items[i] = [.. first.Take(first.Count - 1), items[i][0]];
            }
        }
    }

    /// <summary>Both gerunds ("detecting", "correcting") or both hyphenated ("multi-hop", "open-domain").</summary>
    private static bool SameForm(string a, string b) =>
        (IsGerund(a) && IsGerund(b)) || (a.IndexOf('-', 1) > 0 && b.IndexOf('-', 1) > 0);

    private static bool IsGerund(string word) => word.Length >= 6 && word.EndsWith("ing", StringComparison.OrdinalIgnoreCase);

    /// <summary>"RLHF", "DPO", "MoE", "GPT-4": a name or acronym is a subject on its own.</summary>
    private static bool IsName(string word) => word.Skip(1).Any(char.IsUpper) || word.Any(char.IsDigit);

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "of", "for", "in", "on", "with", "from", "to", "over", "into", "about", "against", "across", "under", "by",
        "at", "through", "towards", "toward", "between", "among", "without", "within",
    };

    // "of" joins names ("mixture of experts", "chain of thought"), so it does not start a shared head; "by" names people.
    private static readonly HashSet<string> HeadPrepositions = new(StringComparer.Ordinal)
    {
        "for", "in", "on", "with", "from", "over", "into", "against", "across", "under", "through", "towards", "toward",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "whether", "how", "what", "why", "which",
    };

    // ", ", ", or ", " or ", " and/or ", " / ": what joins alternatives.
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex Joiner => field ??= new(@"\s*,\s*(?:(?:and\s*/\s*)?or\s+)?|\s+(?:and\s*/\s*)?or\s+|\s+/\s+", RegexOptions.IgnoreCase);

    private static Regex JoinerOrBareSlash => field ??= new(@"\s*,\s*(?:(?:and\s*/\s*)?or\s+)?|\s+(?:and\s*/\s*)?or\s+|\s*/\s*", RegexOptions.IgnoreCase);

    private static Regex Or => field ??= new(@"\s(?:and\s*/\s*)?or\s|\s/\s", RegexOptions.IgnoreCase);

    private static Regex BareSlash => field ??= new(@"(?<=\w)/(?=\w)");

    private static Regex Either => field ??= new(@"^\s*either\s+", RegexOptions.IgnoreCase);

    private static Regex Trailing => field ??= new(@"[\s?!.;]+$");
}
