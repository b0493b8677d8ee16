using PaperBot.Core.Papers;

namespace PaperBot.Core.Ingest;

/// <summary>Combines every listing record of one paper into the paper: the fullest value of each field wins.</summary>
public static class RecordMerger
{
    public static Paper Merge(string id, IReadOnlyList<ListingRecord> records, DateTimeOffset? firstSeen)
    {
        if (records.Count == 0)
        {
            throw new ArgumentException("A paper needs at least one record.", nameof(records));
        }
        var titled = records.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r.Title));
        // The paper carries display text (LaTeX and markup normalised: T\"ULU → TÜLU); each source record keeps the raw listing text.
        var abstractText = Text.MarkupNormalizer.ForDisplay(records.Select(r => r.Abstract).OrderByDescending(a => a.Length).First());

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
}
