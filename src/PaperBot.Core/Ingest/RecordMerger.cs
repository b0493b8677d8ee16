using PaperBot.Core.Papers;

namespace PaperBot.Core.Ingest;

/// <summary>
/// Combines every listing record of one paper into the paper. Records come in the order their listings first
/// arrived, and what a later listing may change about a paper an earlier one gave is fixed here:
/// <list type="bullet">
/// <item>the title and the abstract are the first listing's; a later abstract replaces it only where it completes
/// one that was cut short (the earlier text, ending in "…" or mid-sentence, is the start of the later one). A later
/// abstract that says something else is not taken: it is returned in <c>overruled</c>, and ingest reports it;</item>
/// <item>metadata the first listing lacked is added: authors (a complete list beats "et al.", a longer one a shorter),
/// organisations and links (all of them), a date (one with a year beats one without), the most upvotes, category,
/// score and code availability.</item>
/// </list>
/// A listing changing its own records (the same file ingested again) is not "a later listing": its records are
/// replaced, so the listing that gave an abstract can correct it.
/// </summary>
public static class RecordMerger
{
    public static Paper Merge(string id, IReadOnlyList<ListingRecord> records, DateTimeOffset? firstSeen, ICollection<ListingRecord>? overruled = null)
    {
        if (records.Count == 0)
        {
            throw new ArgumentException("A paper needs at least one record.", nameof(records));
        }
        var titled = records.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r.Title));
        // The paper carries display text (LaTeX and markup normalised: T\"ULU → TÜLU); each source record keeps the raw listing text.
        var abstractText = Text.MarkupNormalizer.ForDisplay(ChooseAbstract(records, overruled));

        // A complete author list beats an "et al." one; among equals the longer list wins.
        var authorSource = records
            .Where(r => r.Authors.Count > 0)
            .OrderByDescending(r => r.AuthorsComplete == true)
            .ThenByDescending(r => r.Authors.Count)
            .FirstOrDefault();

        var orgs = new List<string>();
        foreach (var org in records.SelectMany(r => r.Orgs))
        {
            if (!orgs.Contains(org, StringComparer.OrdinalIgnoreCase))
            {
                orgs.Add(org);
            }
        }
        var links = new List<string>();
        foreach (var link in records.SelectMany(r => r.Links))
        {
            if (!links.Contains(link, StringComparer.Ordinal))
            {
                links.Add(link);
            }
        }

        PaperDate? date = records.Where(r => r.Date is { YearKnown: true }).Select(r => r.Date).FirstOrDefault()
                          ?? records.Select(r => r.Date).FirstOrDefault(d => d is not null);
        var hasCode = records.Any(r => r.HasCode == true) ? true : records.Any(r => r.HasCode == false) ? false : (bool?)null;

        return new Paper
        {
            Id = id,
            Title = titled is { Title: { } title } ? Text.MarkupNormalizer.ForDisplay(title) : DerivedTitle.From(abstractText),
            TitleDerived = titled is null,
            Abstract = abstractText,
            Authors = authorSource?.Authors ?? [],
            AuthorsComplete = authorSource?.AuthorsComplete,
            Orgs = orgs,
            Date = date,
            Upvotes = records.Max(r => r.Upvotes),
            AuthorCount = records.Select(r => r.AuthorCount).FirstOrDefault(n => n is not null),
            Category = records.Select(r => r.Category).FirstOrDefault(c => c is not null),
            Score = records.Select(r => r.Score).FirstOrDefault(s => s is not null),
            HasCode = hasCode,
            Links = links,
            Sources = records.Select(r => new PaperSource(r.File, r.Line)).ToList(),
            FirstSeen = firstSeen,
        };
    }

    /// <summary>The first record's abstract, or a later one that completes it; later ones that differ otherwise are overruled.</summary>
    private static string ChooseAbstract(IReadOnlyList<ListingRecord> records, ICollection<ListingRecord>? overruled)
    {
        var chosen = records[0].Abstract;
        // Compared as displayed: listings that differ only in markup (\textit{x} in one, x in another) agree.
        var chosenKey = PaperKeys.Normalise(Text.MarkupNormalizer.ForDisplay(chosen), int.MaxValue);
        for (var i = 1; i < records.Count; i++)
        {
            var candidate = records[i].Abstract;
            if (string.Equals(candidate, chosen, StringComparison.Ordinal))
            {
                continue;
            }
            var key = PaperKeys.Normalise(Text.MarkupNormalizer.ForDisplay(candidate), int.MaxValue);
            if (chosenKey.StartsWith(key, StringComparison.Ordinal))
            {
                // The same text, or a shorter cut of what we have: nothing to add.
                continue;
            }
            if (key.StartsWith(chosenKey, StringComparison.Ordinal) && LooksCutShort(chosen))
            {
                chosen = candidate;
                chosenKey = key;
                continue;
            }
            overruled?.Add(records[i]);
        }
        return chosen;
    }

    /// <summary>An abstract a listing cut short: it ends in an ellipsis, or without the full stop a finished one has.</summary>
    internal static bool LooksCutShort(string abstractText)
    {
        var t = abstractText.TrimEnd();
        if (t.EndsWith('…') || t.EndsWith("...", StringComparison.Ordinal))
        {
            return true;
        }
        t = t.TrimEnd('"', '\'', '”', '’', ')', ']');
        return t.Length == 0 || !(t.EndsWith('.') || t.EndsWith('!') || t.EndsWith('?'));
    }
}
