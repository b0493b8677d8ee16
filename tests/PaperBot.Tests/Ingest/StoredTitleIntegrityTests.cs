using System.Text.RegularExpressions;
using PaperBot.Core.Ingest;
using PaperBot.Core.Text;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Ingest;

/// <summary>
/// Every stored title is the whole title line of its source: a line is only cut into title and authors when what
/// follows the title is the stored author list, and a listing without any author list keeps its lines whole
/// ("When Two LLMs Debate, Both Think They'll Win" was stored as "When Two LL").
/// </summary>
public sealed partial class StoredTitleIntegrityTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void Every_stored_title_is_the_whole_title_line_of_its_source()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "corpus"))
            .ToDictionary(f => Path.GetFileName(f) ?? f, f => File.ReadAllLines(f), StringComparer.Ordinal);
        using var connection = corpus.Database.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT s.file, s.line, p.id, p.title FROM sources s JOIN papers p ON p.id = s.paper_id WHERE p.title_derived = 0";
        using var reader = cmd.ExecuteReader();
        var checkedTitles = 0;
        var problems = new List<string>();
        while (reader.Read())
        {
            var lines = files[Path.GetFileName(reader.GetString(0))]; // sources name files by path (absolute outside the ingest root)
            var number = reader.GetInt32(1);
            var title = reader.GetString(3);
            var line = lines[number - 1].Trim();
            if (CardHeader().IsMatch(line))
            {
                // A card's record starts at its header ("5.2CLSep 11, 2023"); the title line comes next.
                line = lines.Skip(number).Select(l => l.Trim()).First(l => l.Length > 0);
            }
            if (line.StartsWith("Abstract:", StringComparison.Ordinal))
            {
                continue;
            }
            checkedTitles++;
            // Titles are stored as display text (markup normalised); the source line keeps the raw listing text.
            line = PaperBot.Core.Text.MarkupNormalizer.ForDisplay(line);
            var lineWords = Tokenizer.Words(line);
            var titleWords = Tokenizer.Words(title);
            if (lineWords.SequenceEqual(titleWords) || (line.StartsWith("Subscribe", StringComparison.Ordinal) && lineWords.Skip(1).SequenceEqual(titleWords.Skip(1))))
            {
                continue;
            }
            // A card line: the title, then exactly the author list (and organisations) stored for the paper.
            var paper = corpus.Database.Store.Get(reader.GetString(2))!;
            var rest = line.StartsWith(title, StringComparison.Ordinal) ? line[title.Length..] : null;
            var split = TitleAuthorSplitter.TrySplit(line);
            var whole = rest is not null && TitleAuthorSplitter.HasAuthorMarker(line) && paper.Authors.Count > 0
                && rest.StartsWith(paper.Authors[0], StringComparison.Ordinal) && split is not null && split.Title == title;
            if (!whole)
            {
                problems.Add($"{reader.GetString(0)}:{reader.GetInt32(1)} stored \"{title}\" from \"{line}\"");
            }
        }

        Assert.True(checkedTitles > 400, $"only {checkedTitles} titled sources");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex(@"^\d+(?:\.\d+)?[A-Z]{2}")]
    private static partial Regex CardHeader();

    [Fact]
    public void A_listing_without_authors_keeps_a_comma_title_whole()
    {
        var listing = ListingParser.Parse("plain.txt", """
            When Two LLMs Debate, Both Think They'll Win
            Can LLMs accurately adjust their confidence when facing opposition? Building on previous studies measuring calibration on static fact-based question-answering tasks, we evaluate large language models in a dynamic, adversarial debate setting, uniquely combining two realistic factors: multi-turn format and zero-sum structure.
            """);

        var record = Assert.Single(listing.Records);
        Assert.Equal("When Two LLMs Debate, Both Think They'll Win", record.Title);
        Assert.Empty(record.Authors);
    }
}
