using System.Text.RegularExpressions;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// The names part of the rule-based reader: lists of authors or organisations joined by "or" (any of them) or "and"
/// (all of them), and names in an author's or organisation's place that no listing has, so the answer can say so
/// instead of searching for the words as a topic.
/// </summary>
public sealed partial class QuestionClassifier
{
    /// <summary>The authors and organisations a question names, how each list is joined, and the names no listing has.
    /// <c>Impossible</c> when a name no listing has is required (alone, or joined with "and"), so no paper can match.
    /// <c>AuthorsByAnd</c> / <c>OrgsByAnd</c>: the names were joined by a plain "and" (no "both", "together", "or"), read
    /// for authors as the papers they share and for organisations as the papers of either, which the answer says.</summary>
    private sealed record NameReading(
        List<Name> Authors, bool AnyAuthor, List<Name> Orgs, bool AnyOrg, List<MissingName> Missing, bool Impossible, HashSet<string> Words,
        bool AuthorsByAnd = false, bool OrgsByAnd = false);

    private sealed record Member(Name? Stored, MissingName? Missing, int Start, int Length)
    {
        public int End => Start + Length;
    }

    // A person's name no listing has is two or three words that titles and abstracts (almost) never use.
    private const int NameWordMaxMentions = 2;

    // An organisation written as a name (OpenAI, DeepMind) may be written about in a few abstracts; a common word may not.
    private const int NamedOrgMaxMentions = 20;

    private NameReading ReadNames(string asked)
    {
        // "papers from WüNLP / wuerzburg nlp?", "pku/tsinghua papers": a slash between names gives alternatives, as "or" does.
        var pieces = SlashBetweenWords.Split(asked);
        var question = string.Join(" or ", pieces);
        var words = Tokenizer.Words(question);
        var slashed = new HashSet<int>();
        for (int i = 0, at = 0; i < pieces.Length - 1; i++)
        {
            at += Tokenizer.Words(pieces[i]).Count;
            slashed.Add(at);
            at++;
        }
        _slashedConnectors = slashed;
        var found = FindAuthors(question, words, out var nameWords);
        var taken = new bool[words.Count];
        var authors = found.Select(a => new Member(a, null, a.Start, a.Length)).ToList();
        Take(taken, authors);
        // Each place MissingAuthorSlot reads is a cue of its own ("papers by X", "what did X write", "X's papers", "X papers").
        if (authors.Count == 0 && !ByEtAl.IsMatch(question) && MissingAuthorSlot(question, words, taken) is { } absent)
        {
            authors.Add(absent);
            Take(taken, authors);
        }
        var anyAuthor = Extend(question, words, taken, authors, organisation: false);

        var orgs = new List<Member>();
        var org = FindOrg(question, words, nameWords.Concat(authors.SelectMany(m => words.Skip(m.Start).Take(m.Length))).ToHashSet(StringComparer.Ordinal));
        if (org is not null && !Enumerable.Range(org.Start, org.Length).Any(i => taken[i]))
        {
            orgs.Add(new Member(org, null, org.Start, org.Length));
        }
        else if (MissingOrgSlot(question, words, taken) is { } absentOrg)
        {
            orgs.Add(absentOrg);
        }
        Take(taken, orgs);
        var anyOrg = Extend(question, words, taken, orgs, organisation: true);
        // "pku and tsinghua papers", "papers from cmu and baidu": people want both organisations' papers; "from both pku
        // and tsinghua" or "what did pku and tsinghua publish together" want the papers listing both.
        var together = words.Any(TogetherWords.Contains);
        var orgsByAnd = orgs.Count > 1 && !anyOrg && !together;
        anyOrg |= orgsByAnd;
        var authorsByAnd = authors.Count > 1 && !anyAuthor && !together;

        var missing = authors.OrderBy(m => m.Start).Concat(orgs.OrderBy(m => m.Start)).Where(m => m.Missing is not null).Select(m => m.Missing!).ToList();
        var impossible = Impossible(authors, anyAuthor) || Impossible(orgs, anyOrg);
        var allWords = new HashSet<string>(nameWords, StringComparer.Ordinal);
        allWords.UnionWith(authors.Concat(orgs).SelectMany(m => words.Skip(m.Start).Take(m.Length)));
        return new NameReading(
            authors.Where(m => m.Stored is not null).OrderBy(m => m.Start).Select(m => m.Stored!).ToList(), anyAuthor,
            orgs.Where(m => m.Stored is not null).OrderBy(m => m.Start).Select(m => m.Stored!).ToList(), anyOrg,
            missing, impossible, allWords, authorsByAnd, orgsByAnd);
    }

    // The positions of the "or"s that stand for a slash in the words ReadNames reads (set per question).
    private HashSet<int> _slashedConnectors = [];

    private static Regex SlashBetweenWords => field ??= new(@"(?<=[\p{L}\p{N}])\s*/\s*(?=[\p{L}\p{N}])");

    /// <summary>Words that ask for the papers several names share: "both", "together", "jointly", "co-authored".</summary>
    internal static readonly HashSet<string> TogetherWords = new(StringComparer.Ordinal)
    {
        "both", "together", "jointly", "joint", "shared", "share", "co", "coauthored", "coauthor", "coauthors", "collaboration",
        "collaborations", "collaborated", "collaborating",
    };

    /// <summary>No paper can match when a name no listing has is required: alone, or joined to the others with "and".</summary>
    private static bool Impossible(List<Member> members, bool any) =>
        members.Any(m => m.Missing is not null) && (!any || members.All(m => m.Missing is not null));

    private static void Take(bool[] taken, IEnumerable<Member> members)
    {
        foreach (var m in members)
        {
            for (var i = m.Start; i < m.End && i < taken.Length; i++)
            {
                taken[i] = true;
            }
        }
    }

    /// <summary>
    /// Grows a list of names through "or" and "and" ("papers by Li Dong or Furu Wei", "google or deepmind papers"):
    /// the name beside a connector is a stored name (linked as elsewhere), or one no listing has. True when the list
    /// is joined by "or" anywhere, so any one name is enough; otherwise every name is needed.
    /// </summary>
    private bool Extend(string question, IReadOnlyList<string> words, bool[] taken, List<Member> members, bool organisation)
    {
        if (members.Count == 0)
        {
            return false;
        }
        var queue = new Queue<Member>(members);
        while (queue.Count > 0)
        {
            var member = queue.Dequeue();
            // To the right: "A or B", "A, B or C" (the comma is not a word, so "A B" is tried as two names only via runs).
            if (member.End < words.Count && ListConnectors.Contains(words[member.End]))
            {
                // "A or B", "A and/or B", "A or by B", "either A or B".
                var start = member.End + 1;
                while (start < words.Count && ListFillers.Contains(words[start]))
                {
                    start++;
                }
                if (Partner(question, words, taken, start, organisation, rightward: true, slashed: _slashedConnectors.Contains(member.End)) is { } next)
                {
                    members.Add(next);
                    Take(taken, [next]);
                    queue.Enqueue(next);
                }
            }
            // To the left: "B or A" where A was found first.
            var left = member.Start - 1;
            while (left >= 0 && ListFillers.Contains(words[left]) && !ListConnectors.Contains(words[left]))
            {
                left--;
            }
            if (left >= 1 && ListConnectors.Contains(words[left]))
            {
                while (left >= 1 && ListFillers.Contains(words[left - 1]))
                {
                    left--;
                }
                if (Partner(question, words, taken, left - 1, organisation, rightward: false) is { } previous)
                {
                    members.Add(previous);
                    Take(taken, [previous]);
                    queue.Enqueue(previous);
                }
            }
        }
        var ordered = members.OrderBy(m => m.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            for (var w = ordered[i - 1].End; w < ordered[i].Start; w++)
            {
                if (words[w] is "or" or "either")
                {
                    return true;
                }
            }
        }
        return ordered.Count > 1 && ordered[0].Start > 0 && words[ordered[0].Start - 1] == "either";
    }

    private static readonly HashSet<string> ListConnectors = new(StringComparer.Ordinal) { "or", "and", "nor" };

    /// <summary>Words between the names of a list that are not names: "either", "and/or", "or by", "or from".</summary>
    private static readonly HashSet<string> ListFillers = new(StringComparer.Ordinal) { "either", "both", "or", "and", "by", "from" };

    /// <summary>The name that starts (rightward) or ends (leftward) at <paramref name="edge"/>: a stored one, or one no listing has.</summary>
    /// <param name="slashed">The names are joined by a slash, which often gives another name of the same organisation
    /// ("WüNLP / wuerzburg nlp"): then the words up to the end of that part are one name, not a name and a topic.</param>
    private Member? Partner(string question, IReadOnlyList<string> words, bool[] taken, int edge, bool organisation, bool rightward, bool slashed = false)
    {
        var (shortest, longest) = organisation ? (1, 3) : (2, 3);
        for (var length = longest; length >= shortest; length--)
        {
            var start = rightward ? edge : edge - length + 1;
            if (start < 0 || start + length > words.Count || Enumerable.Range(start, length).Any(i => taken[i]))
            {
                continue;
            }
            var run = words.Skip(start).Take(length).ToList();
            // "Heming Xia or Junqin He": a family name may be a short word ("He") when the name is written as a person's.
            var personName = !organisation && WrittenAsPersonName(question, words, start, length);
            if (!run.All(IsNameWord) && !personName)
            {
                continue;
            }
            var text = string.Join(' ', run);
            if (organisation)
            {
                var stored = _store.KnownOrgKeys([text]).Contains(Ingest.IngestService.NameKey(text))
                    ? DisplayNameOf(question, words, start, length)
                    : _names.Organisation(run) ?? _names.OrganisationStartingWith(run);
                if (stored is not null)
                {
                    return new Member(new Name(stored, run, start, length), null, start, length);
                }
                var partEnds = start + length == words.Count || !IsNameWord(words[start + length]);
                if ((length == 1 || (slashed && rightward && partEnds)) && LooksLikeAnOrganisation(question, words, start, strict: false) is { } mentions)
                {
                    return new Member(null, Missing(question, words, start, length, NameRole.Organisation, length == 1 ? mentions : null), start, length);
                }
            }
            else
            {
                // A run of words is linked to a stored name with one slip only where the question speaks of authorship, as
                // alone ("papers by Peiyi Wnag or Tianyu Liu"); elsewhere only once it reads as a person's name ("anything
                // from … or Junqin He"), below.
                var stored = _store.KnownAuthorKeys([text]).Contains(Ingest.IngestService.NameKey(text))
                    ? DisplayNameOf(question, words, start, length)
                    : (AuthorshipCue.IsMatch(question) ? _names.Author(run) : _names.AuthorAsWritten(run)) ?? ReversedAuthor(run);
                if (stored is not null)
                {
                    return new Member(new Name(stored, run, start, length), null, start, length);
                }
                if ((run.All(IsNameWord) && LooksLikeAPerson(run)) || personName)
                {
                    return Person(question, words, start, length);
                }
            }
        }
        return null;
    }

    /// <summary>
    /// A person's name no listing has, in an author's place: "papers by Geoffrey Hinton", "what did Furu Wei write?",
    /// "yann lecun's papers". Two or three name words that titles and abstracts (almost) never use, so "papers by large
    /// language models" or "generated by Stable Diffusion XL" are not names.
    /// </summary>
    private Member? MissingAuthorSlot(string question, IReadOnlyList<string> words, bool[] taken)
    {
        var list = ListSignal.IsMatch(question);
        for (var i = 0; i < words.Count; i++)
        {
            var starts = new List<int>();
            if (words[i] == "by" && (list || (i > 0 && ByListing.Contains(words[i - 1]))) && !SaidOfSomethingElse(words, i))
            {
                // "papers by X", "anything written by X"; not "caught just by quizzing the model".
                starts.Add(i + 1 < words.Count && words[i + 1] is "both" or "either" ? i + 2 : i + 1);
            }
            else if (words[i] is "did" or "has" or "have" or "had" || (words[i] == "s" && i > 0 && words[i - 1] is "what" or "who"))
            {
                // "what did X write", "what has X published", "what's X got in here".
                starts.Add(i + 1);
            }
            foreach (var start in starts)
            {
                for (var length = 3; length >= 2; length--)
                {
                    if (start + length > words.Count || Enumerable.Range(start, length).Any(j => taken[j]))
                    {
                        continue;
                    }
                    var run = words.Skip(start).Take(length).ToList();
                    var after = start + length < words.Count ? words[start + length] : "";
                    // "what did X write", "what has X published": the verb after the name says it is an author's.
                    var placed = words[i] == "by" || AuthorVerbs.Contains(after) || (words[i] != "did" && HoldingVerbs.Contains(after));
                    if (placed && ((run.All(IsNameWord) && LooksLikeAPerson(run)) || WrittenAsPersonName(question, words, start, length)) && !IsStoredOrganisation(run))
                    {
                        return Person(question, words, start, length);
                    }
                }
            }
        }
        // "anything from Junqin He?", "papers from Yann LeCun", "what do you have from Geoffrey Hinton?": after "from", a
        // name written as a person's (given and family name capitalised) is a person, not an organisation; organisations
        // are tags (pku, microsoft-research) or one word written as a name (OpenAI, DeepMind).
        for (var i = 0; i + 2 < words.Count; i++)
        {
            if (words[i] != "from")
            {
                continue;
            }
            for (var length = 3; length >= 2; length--)
            {
                var start = i + 1;
                if (start + length > words.Count || Enumerable.Range(start, length).Any(j => taken[j]))
                {
                    continue;
                }
                var run = words.Skip(start).Take(length).ToList();
                if (WrittenAsPersonName(question, words, start, length) && !IsStoredOrganisation(run))
                {
                    return Person(question, words, start, length);
                }
            }
        }
        // "yann lecun's papers", "Geoffrey Hinton papers?"
        for (var i = 2; i < words.Count; i++)
        {
            var possessive = words[i] == "s" && i + 1 < words.Count && ListingNouns.Contains(words[i + 1]);
            if (possessive || (ListingNouns.Contains(words[i]) && words[i - 1] != "s"))
            {
                var end = i;
                for (var length = 3; length >= 2; length--)
                {
                    var start = end - length;
                    if (start < 0 || Enumerable.Range(start, length).Any(j => taken[j]))
                    {
                        continue;
                    }
                    var run = words.Skip(start).Take(length).ToList();
                    if (run.All(IsNameWord) && LooksLikeAPerson(run) && !IsStoredOrganisation(run))
                    {
                        return Person(question, words, start, length);
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// "an essay was written by ChatGPT", "the code is released by the authors": the participle before "by" is said of
    /// something that is not a paper (the noun before "was"/"is"), so what follows "by" is no author or organisation of
    /// papers. "papers written by X", "this paper was written by X" and "anything written by X" keep their reading.
    /// </summary>
    private static bool SaidOfSomethingElse(IReadOnlyList<string> words, int by)
    {
        if (by < 3 || !ByListing.Contains(words[by - 1]) || words[by - 2] is not ("was" or "is" or "were" or "are" or "been" or "be" or "being"))
        {
            return false;
        }
        var subject = words[by - 3];
        return !ListingNouns.Contains(subject) && !ByListing.Contains(subject) && subject is not ("paper" or "one" or "it" or "they" or "which" or "that" or "s");
    }

    /// <summary>Whether the words, or one of them, are a stored organisation ("LAMDA NeSy papers" is no person).</summary>
    private bool IsStoredOrganisation(IReadOnlyList<string> run) =>
        _store.KnownOrgKeys([string.Join(' ', run), .. run]).Count > 0 || _names.Organisation(run) is not null;

    /// <summary>"what's X got", "what has X got in here": having papers, said of a person or organisation.</summary>
    private static readonly HashSet<string> HoldingVerbs = new(StringComparer.Ordinal) { "got", "get" };

    private static readonly HashSet<string> AuthorVerbs = new(StringComparer.Ordinal)
    {
        "write", "wrote", "written", "author", "authored", "coauthor", "coauthored", "co", "publish", "published",
    };

    /// <summary>Nouns for "the papers of": "deepmind papers", "yann lecun's work". Not "paper": "the ShieldLM paper"
    /// names one paper.</summary>
    private static readonly HashSet<string> ListingNouns = new(StringComparer.Ordinal)
    {
        "papers", "work", "works", "stuff", "research", "preprints", "publications", "articles",
    };

    /// <summary>Words before "by" that make what follows an author or organisation: "papers by X", "anything written by X".</summary>
    private static readonly HashSet<string> ByListing = new(StringComparer.Ordinal)
    {
        "papers", "paper", "anything", "everything", "something", "stuff", "work", "works", "preprints", "publications",
        "articles", "written", "authored", "coauthored", "published", "released",
    };

    /// <summary>Words before "from" that make what follows the papers' origin: "papers from X", "anything from X", "what's from X".</summary>
    private static readonly HashSet<string> FromListing = new(StringComparer.Ordinal)
    {
        "papers", "paper", "anything", "everything", "something", "stuff", "work", "works", "research", "preprints",
        "publications", "articles", "s", "is", "are", "any", "all",
    };

    /// <summary>
    /// An organisation no listing has, in an organisation's place: "papers from X", "anything from X", "X papers",
    /// "what has X published", "X's work", "by X" (one word). The word must read as a name: no title or abstract uses
    /// it, or it is written as a name ("OpenAI", "DeepMind") and only a few do.
    /// </summary>
    private Member? MissingOrgSlot(string question, IReadOnlyList<string> words, bool[] taken)
    {
        // "any papers on RLHF from Anthropic?": a list question ending in "from X".
        var list = ListSignal.IsMatch(question);
        for (var i = 0; i < words.Count; i++)
        {
            if (taken[i] || !IsNameWord(words[i]))
            {
                continue;
            }
            var before = i > 0 ? words[i - 1] : "";
            var before2 = i > 1 ? words[i - 2] : "";
            var after = i + 1 < words.Count ? words[i + 1] : "";
            // "papers from X", "papers by X" and "what has X published" place an organisation plainly; "X papers" could be
            // a topic ("grokking papers"), so there the word must be written as a name or be one no abstract uses.
            var plain = (before == "from" && (i == 1 || FromListing.Contains(before2) || (list && (i + 1 == words.Count || ListConnectors.Contains(after)))))
                || (before == "by" && ByListing.Contains(before2) && (i + 1 >= words.Count || !IsNameWord(after)) && !SaidOfSomethingElse(words, i - 1))
                || (before is "has" or "have" or "did" && (AuthorVerbs.Contains(after) || after is "release" or "released" or "put"))
                || ((before is "has" or "have" || (before == "s" && before2 is "what" or "who")) && HoldingVerbs.Contains(after));
            // "ignore their guardrails work so well": a word after "their", "its", "a"… is a common noun, not a name.
            var placed = plain
                || (!Determiners.Contains(before) && ListingNouns.Contains(after))
                || (after == "s" && i + 2 < words.Count && ListingNouns.Contains(words[i + 2]));
            if (placed && LooksLikeAnOrganisation(question, words, i, strict: !plain) is { } mentions)
            {
                // "papers by Hinton": one word after "by" may be a surname as well as an organisation.
                var role = before == "by" ? NameRole.AuthorOrOrganisation : NameRole.Organisation;
                // "anything from google deepmind?": name words that no title or abstract uses go on the name.
                var length = 1;
                while (length < 3 && i + length < words.Count && !taken[i + length] && IsNameWord(words[i + length])
                    && !ListingNouns.Contains(words[i + length]) && _names.TextMentions(words[i + length], 1) == 0)
                {
                    length++;
                }
                return new Member(null, Missing(question, words, i, length, role, length == 1 ? mentions : null), i, length);
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the word at <paramref name="index"/> reads as an organisation's name no listing has; its title and
    /// abstract mentions when it does, null when it does not. Where the question places an organisation plainly, or
    /// beside a stored one ("microsoft or google"), a word a couple of abstracts use is enough, or a word written as a
    /// name (OpenAI) that a few use; otherwise (strict) no title or abstract may use it.
    /// </summary>
    private int? LooksLikeAnOrganisation(string question, IReadOnlyList<string> words, int index, bool strict)
    {
        var word = words[index];
        if (!IsNameWord(word) || MonthOrSeason.Contains(word))
        {
            return null;
        }
        var mentions = _names.TextMentions(word, NamedOrgMaxMentions + 1);
        var written = DisplayNameOf(question, words, index, 1);
        // "OpenAI", "DeepMind", "IBM": a capital after the first letter; a capitalised first word may just open the sentence.
        var named = written.Skip(1).Any(char.IsUpper);
        // "LoRA papers", "BERT papers" are topics written as names: where a topic could stand, only a word no title or
        // abstract uses counts.
        if (mentions == 0 || (!strict && (mentions <= NameWordMaxMentions || (named && mentions <= NamedOrgMaxMentions))))
        {
            return mentions;
        }
        // "papers by deepseek": typed in lower case where the question places a name plainly, a word the abstracts always
        // write as a name ("DeepSeek 67B", "DeepSeek-R1") and no title uses is that name, as if written "DeepSeek".
        if (!strict && !named && mentions <= NamedOrgMaxMentions && !written.Any(char.IsUpper) && _names.WrittenAsName(word, NamedOrgMaxMentions))
        {
            return mentions;
        }
        // "Google papers": where a topic could stand, a word that a couple of abstracts use, always as a proper name and
        // never in a title, is a name too (the answer says how many papers mention it).
        if (strict && mentions <= NameWordMaxMentions && _names.WrittenAsName(word, NameWordMaxMentions))
        {
            return mentions;
        }
        return null;
    }

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "their", "its", "our", "your", "his", "her", "my", "a", "an", "these", "those", "this", "that", "such", "some",
    };

    private static readonly HashSet<string> MonthOrSeason = new(StringComparer.Ordinal)
    {
        "spring", "summer", "autumn", "fall", "winter", "today", "yesterday", "week", "scratch",
    };

    /// <summary>
    /// Two or three words written as a person's full name: each capitalised and not in capitals throughout ("Junqin He",
    /// "Yann LeCun", not "AMR Parsing"), or all in lower case and a few slips from a stored author; the given name an unusual word (no ordinary English word,
    /// in no title or abstract: "Hugging Face" and "Google DeepMind" are not people), the others name words that titles
    /// and abstracts (almost, in lower case never) use, or a short family name that is also a word ("He", "An").
    /// </summary>
    private bool WrittenAsPersonName(string question, IReadOnlyList<string> words, int start, int length)
    {
        if (length is < 2 or > 3 || start < 0 || start + length > words.Count)
        {
            return false;
        }
        var original = Regex.Split(question, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0).ToList();
        if (original.Count != words.Count)
        {
            return false;
        }
        var run = original.Skip(start).Take(length).ToList();
        var capitalised = run.All(w => char.IsUpper(w[0]) && w.Skip(1).Any(char.IsLower) && w.All(char.IsLetter));
        // Typed in lower case ("anything from junqin he"), every word must be one no title or abstract uses, and the name
        // a near miss of a stored author's.
        var lowerCase = run.All(w => w.All(c => char.IsLetter(c) && char.IsLower(c)));
        if (!capitalised && !lowerCase)
        {
            return false;
        }
        var given = words[start];
        if (!IsNameWord(given) || OrdinaryWords.Contains(given) || _names.TextMentions(given, 1) > 0)
        {
            return false;
        }
        var allowed = capitalised ? NameWordMaxMentions : 0;
        for (var i = start + 1; i < start + length; i++)
        {
            var word = words[i];
            var shortWord = word.Length <= 3 && Tokenizer.IsStopWord(word);
            if (!shortWord && (!IsNameWord(word) || _names.TextMentions(word, allowed + 1) > allowed))
            {
                return false;
            }
        }
        // In lower case only a near miss of a stored author reads as a person: "from amino acid sequences", "from seismic
        // sensor data" are words no paper happens to use.
        return capitalised || _names.Closest(words.Skip(start).Take(length).ToList(), organisation: false) is not null;
    }

    /// <summary>Two or three name words that titles and abstracts (almost) never use, one of them not at all.</summary>
    private bool LooksLikeAPerson(IReadOnlyList<string> run)
    {
        if (run.Count < 2 || run.Count > 3 || !run.All(IsNameWord))
        {
            return false;
        }
        var mentions = run.Select(w => _names.TextMentions(w, NameWordMaxMentions + 1)).ToList();
        return mentions.All(m => m <= NameWordMaxMentions) && mentions.Any(m => m == 0);
    }

    /// <summary>
    /// A run read as a person's name that no author is stored as. When exactly one stored author is one slip away
    /// (<see cref="StoredNameLinker.AuthorsOneSlipAway"/>), the name is taken as that author's ("papers by Junqin He"
    /// lists Junqing He's papers, and the answer says so); otherwise it is a name no listing has, offering the stored
    /// names one slip away when there are several, else the closest a few slips away.
    /// </summary>
    private Member Person(string question, IReadOnlyList<string> words, int start, int length)
    {
        var run = words.Skip(start).Take(length).ToList();
        var (meant, offer) = NearAuthor(run);
        return meant is not null
            ? new Member(new Name(meant, run, start, length), null, start, length)
            : new Member(null, new MissingName(DisplayNameOf(question, words, start, length), NameRole.Author, offer, null), start, length);
    }

    /// <summary>The stored author a person's name no author is stored as stands for (the only one one slip away), or
    /// else the stored names to offer: every one one slip away ("Zheng Li or Zheng Xin"), or the closest a few slips away.</summary>
    private (string? Meant, string? Offer) NearAuthor(IReadOnlyList<string> run)
    {
        var slips = _names.AuthorsOneSlipAway(run);
        return slips.Count == 1 ? (slips[0], null)
            : (null, slips.Count > 1 ? string.Join(" or ", slips) : _names.Closest(run, organisation: false));
    }

    private MissingName Missing(string question, IReadOnlyList<string> words, int start, int length, NameRole role, int? mentions)
    {
        var run = words.Skip(start).Take(length).ToList();
        return new MissingName(DisplayNameOf(question, words, start, length), role, _names.Closest(run, role != NameRole.Author), mentions);
    }
}
