using System.Globalization;
using System.Text.RegularExpressions;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Ingest;

/// <summary>
/// Reads a paper listing saved from a web page into records. One line-role state machine covers every
/// format in the corpus: bare "Abstract:" lines, cards whose title is glued to authors with a score/category/date
/// header line above them, daily-paper pages with footers ("• 7 authors", an organisation, "·", a date and
/// upvotes), and plain title/abstract pairs, with the page chrome around them recognised and set aside.
/// </summary>
public static partial class ListingParser
{
    /// <summary>Bump when parsing changes, so unchanged files are parsed again on the next ingest.</summary>
    public const int Version = 2;

    /// <summary>Lines this long are abstracts; the corpus's titles stay under 180 characters and its abstracts over 580.</summary>
    public const int AbstractMinLength = 250;

    private const string AbstractPrefix = "Abstract:";

    /// <summary>The "Subscribe" button of the 004 listing page, glued to the first title when the page was saved.</summary>
    private const string SubscribeButton = "Subscribe";

    private static readonly HashSet<string> ChromeLines = new(StringComparer.Ordinal)
    {
        "new",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
    };

    public static ParsedListing Parse(string file, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        // A listing that never marks an author list (" · " before organisations, "et al.") has no authors, and a
        // title such as "When Two LLMs Debate, Both Think They'll Win" must not be cut into title and names.
        var state = new ParserState(file, lines.Any(l => TitleAuthorSplitter.HasAuthorMarker(l.Trim()) && l.Trim().Length < AbstractMinLength));
        for (var index = 0; index < lines.Length; index++)
        {
            var raw = lines[index];
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var lineNumber = index + 1;
            state.Consume(lineNumber, line, NextNonBlank(lines, index));
        }
        state.Finish();
        return new ParsedListing(file, state.Records, state.Unplaced, state.Roles);
    }

    private static string? NextNonBlank(string[] lines, int index)
    {
        for (var j = index + 1; j < lines.Length; j++)
        {
            var t = lines[j].Trim();
            if (t.Length > 0)
            {
                return t;
            }
        }
        return null;
    }

    private sealed class ParserState(string file, bool listingHasAuthors)
    {
        public List<ListingRecord> Records { get; } = [];
        public List<UnplacedLine> Unplaced { get; } = [];
        public Dictionary<int, LineRole> Roles { get; } = [];

        private RecordDraft? _open;
        private RecordDraft? _last;
        private (int Line, string Text, CardHeader Header)? _pendingHeader;
        private bool _expectSeparator;
        private bool _expectFooterDate;

        public void Consume(int lineNumber, string line, string? next)
        {
            if (ChromeLines.Contains(line))
            {
                Role(lineNumber, LineRole.Chrome);
                return;
            }
            // Page chrome glued to the first title: "SubscribeDemystifying Disagreement-on-the-Line…".
            // A title starts right after the button's text with a capital and is a few characters long at least.
            if (line.StartsWith(SubscribeButton, StringComparison.Ordinal) && line.Length > SubscribeButton.Length + 3
                && char.IsUpper(line[SubscribeButton.Length]) && line.Length < AbstractMinLength)
            {
                StartTitled(lineNumber, line[SubscribeButton.Length..], LineRole.Title);
                return;
            }
            if (CardHeaderPattern().Match(line) is { Success: true } header)
            {
                if (_pendingHeader is { } orphan)
                {
                    Unplace(orphan.Line, "card header with no paper after it", orphan.Text);
                }
                _pendingHeader = (lineNumber, line, CardHeader.From(header));
                Role(lineNumber, LineRole.CardHeader);
                return;
            }
            if (AuthorCountPattern().Match(line) is { Success: true } count)
            {
                if (CanTakeFooter())
                {
                    _last!.AuthorCount = int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture);
                    _expectSeparator = true;
                    Role(lineNumber, LineRole.AuthorCount);
                }
                else
                {
                    Unplace(lineNumber, "author count with no paper before it", line);
                }
                return;
            }
            if (line == "·")
            {
                if (_expectSeparator)
                {
                    _expectSeparator = false;
                    _expectFooterDate = true;
                    Role(lineNumber, LineRole.FooterSeparator);
                }
                else
                {
                    Unplace(lineNumber, "footer separator with no paper before it", line);
                }
                return;
            }
            if (FooterDatePattern().Match(line) is { Success: true } dateMatch)
            {
                ConsumeDate(lineNumber, line, dateMatch);
                return;
            }
            // An organisation stands where the author count would: just before the "·" of a footer.
            if (next == "·" && CanTakeFooter() && line.Length < 120)
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var handle = space > 0 ? line[..space] : line;
                var name = space > 0 ? line[(space + 1)..].Trim() : line;
                _last!.Orgs.Add(name);
                if (!string.Equals(handle, name, StringComparison.Ordinal))
                {
                    _last.OrgHandles.Add(handle);
                }
                _expectSeparator = true;
                Role(lineNumber, LineRole.Organisation);
                return;
            }
            if (line.StartsWith(AbstractPrefix, StringComparison.OrdinalIgnoreCase) || line.Length >= AbstractMinLength)
            {
                ConsumeAbstract(lineNumber, line);
                return;
            }
            if (_open is { Abstract: null } titleOnly)
            {
                Unplace(titleOnly.Line, "title with no abstract", titleOnly.Title ?? "");
                _open = null;
            }
            var split = listingHasAuthors ? TitleAuthorSplitter.TrySplit(line) : null;
            if (split is not null)
            {
                var draft = StartTitled(lineNumber, split.Title, LineRole.TitleWithAuthors);
                draft.Authors.AddRange(split.Authors);
                draft.AuthorsComplete = split.AuthorsComplete;
                draft.Orgs.AddRange(split.Orgs);
            }
            else
            {
                StartTitled(lineNumber, line, LineRole.Title);
            }
        }

        public void Finish()
        {
            if (_open is { Abstract: null } titleOnly)
            {
                Unplace(titleOnly.Line, "title with no abstract", titleOnly.Title ?? "");
                _open = null;
            }
            if (_pendingHeader is { } orphan)
            {
                Unplace(orphan.Line, "card header with no paper after it", orphan.Text);
            }
            foreach (var draft in _drafts)
            {
                if (draft.Abstract is not null)
                {
                    Records.Add(draft.ToRecord(file));
                }
            }
        }

        private readonly List<RecordDraft> _drafts = [];

        private bool CanTakeFooter() => _last is { Abstract: not null, FooterDone: false } && !_expectFooterDate && _open is null;

        private void ConsumeDate(int lineNumber, string line, Match match)
        {
            var dateOk = PaperDate.TryParseListing(match.Groups[1].Value, match.Groups[2].Value,
                match.Groups[3].Success ? match.Groups[3].Value : null, out var date);
            if (_expectFooterDate && _last is not null && dateOk)
            {
                _last.Date = date;
                if (match.Groups[4].Success)
                {
                    _last.Upvotes = int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture);
                }
                _last.FooterDone = true;
                _expectFooterDate = false;
                Role(lineNumber, LineRole.FooterDate);
                return;
            }
            if (_drafts.Count == 0 && dateOk && !match.Groups[4].Success)
            {
                // The date of the listing page itself, above the first card.
                Role(lineNumber, LineRole.PageDate);
                return;
            }
            Unplace(lineNumber, "date that belongs to no paper", line);
        }

        private void ConsumeAbstract(int lineNumber, string line)
        {
            var text = line.StartsWith(AbstractPrefix, StringComparison.OrdinalIgnoreCase)
                ? line[AbstractPrefix.Length..].Trim()
                : line;
            if (_open is { Abstract: null } titled)
            {
                titled.Abstract = text;
                titled.AbstractLine = lineNumber;
                _last = titled;
                _open = null;
            }
            else
            {
                if (_pendingHeader is { } orphan)
                {
                    Unplace(orphan.Line, "card header with no paper after it", orphan.Text);
                    _pendingHeader = null;
                }
                var untitled = new RecordDraft { Line = lineNumber, Abstract = text, AbstractLine = lineNumber };
                _drafts.Add(untitled);
                _last = untitled;
            }
            _expectSeparator = false;
            _expectFooterDate = false;
            Role(lineNumber, LineRole.Abstract);
        }

        private RecordDraft StartTitled(int lineNumber, string title, LineRole role)
        {
            var draft = new RecordDraft { Line = lineNumber, Title = title.Trim() };
            if (_pendingHeader is { } header)
            {
                draft.Line = header.Line;
                header.Header.ApplyTo(draft);
                _pendingHeader = null;
            }
            _drafts.Add(draft);
            _open = draft;
            _expectSeparator = false;
            _expectFooterDate = false;
            Role(lineNumber, role);
            return draft;
        }

        private void Role(int lineNumber, LineRole role) => Roles[lineNumber] = role;

        private void Unplace(int lineNumber, string reason, string text)
        {
            Roles[lineNumber] = LineRole.Unplaced;
            var shown = text.Length > 200 ? text[..200] + "…" : text;
            Unplaced.Add(new UnplacedLine(file, lineNumber, reason, shown));
        }
    }

    private sealed record CardHeader(double Score, string Category, PaperDate? Date, bool HasCode)
    {
        public static CardHeader From(Match m)
        {
            PaperDate? date = PaperDate.TryParseListing(m.Groups[3].Value, m.Groups[4].Value,
                m.Groups[5].Success ? m.Groups[5].Value : null, out var d) ? d : null;
            return new CardHeader(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, date, m.Groups[6].Success);
        }

        public void ApplyTo(RecordDraft draft)
        {
            draft.Score = Score;
            draft.Category = Category;
            draft.Date = Date;
            draft.HasCode = HasCode;
        }
    }

    private sealed class RecordDraft
    {
        public int Line { get; set; }
        public string? Title { get; set; }
        public string? Abstract { get; set; }
        public int AbstractLine { get; set; }
        public List<string> Authors { get; } = [];
        public bool? AuthorsComplete { get; set; }
        public List<string> Orgs { get; } = [];
        public List<string> OrgHandles { get; } = [];
        public PaperDate? Date { get; set; }
        public int? Upvotes { get; set; }
        public int? AuthorCount { get; set; }
        public string? Category { get; set; }
        public double? Score { get; set; }
        public bool? HasCode { get; set; }
        public bool FooterDone { get; set; }

        public ListingRecord ToRecord(string file)
        {
            var abstractText = Abstract ?? "";
            var links = LinkExtractor.Extract(abstractText);
            var hasCode = HasCode == true || LinkExtractor.MentionsCode(abstractText, links) ? true : HasCode;
            var orgs = new List<string>(Orgs);
            foreach (var handle in OrgHandles)
            {
                orgs.Add(handle);
            }
            return new ListingRecord
            {
                Title = Title,
                Abstract = abstractText,
                Authors = [.. Authors],
                AuthorsComplete = Authors.Count > 0 ? AuthorsComplete ?? true : null,
                Orgs = orgs,
                Date = Date,
                Upvotes = Upvotes,
                AuthorCount = AuthorCount ?? (AuthorsComplete == true ? Authors.Count : null),
                Category = Category,
                Score = Score,
                HasCode = hasCode,
                Links = links,
                File = file,
                Line = Line,
            };
        }
    }

    [GeneratedRegex(@"^(\d{1,4}(?:\.\d+)?)([A-Z]{2,4}?)(" + PaperDate.MonthPattern + @") (\d{1,2})(?:, (\d{4}))?(Code)?$")]
    private static partial Regex CardHeaderPattern();

    [GeneratedRegex(@"^•\s*(\d+)\s+authors?$")]
    private static partial Regex AuthorCountPattern();

    [GeneratedRegex(@"^(" + PaperDate.MonthPattern + @") (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$")]
    private static partial Regex FooterDatePattern();
}
