using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperBot.Core.Answering;

/// <summary>
/// Reads a date condition out of a question: "in 2021", "March 2021", "between 2020 and 2021", "since 2024",
/// "before 2023". Years glued to other words ("SemEval-2024", "GPT-4") are names, not dates.
/// </summary>
public static class DateRangeParser
{
    private static readonly string[] Months =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <param name="Alternatives">Further spans a paper's date may fall in instead ("2021 or 2025": 2021, or 2025).</param>
    public sealed record DateRange(int? From, int? To, string Text, IReadOnlyList<string> Words)
    {
        public IReadOnlyList<(int From, int To)> Alternatives { get; init; } = [];

        /// <summary>Read against today's date ("this month", "the past 6 months"), not written as a date.</summary>
        public bool Relative { get; init; }

        /// <summary>"papers from October", "anything dated May 3?": a month (and day) of any year, the listings that give a
        /// month and day without a year included; <see cref="From"/> and <see cref="To"/> are then null.</summary>
        public int? MonthOfYear { get; init; }

        /// <summary>The day of <see cref="MonthOfYear"/> when one is written ("October 5").</summary>
        public int? DayOfMonth { get; init; }
    }

    /// <summary>A date condition written as a date, or, when none is and <paramref name="today"/> is known, one relative
    /// to it ("this week", "last year", "in the past 6 months").</summary>
    public static DateRange? Parse(string question, DateOnly? today) => Parse(question, today, null);

    /// <param name="writtenInCorpus">Whether some paper writes the words as a phrase: a year right after a word that the
    /// corpus writes together with that year ("aime 2024", "plank 2022") is the edition of a name, not a date.</param>
    public static DateRange? Parse(string question, DateOnly? today, Func<string, bool>? writtenInCorpus) =>
        Parse(question, writtenInCorpus) ?? (today is { } date ? Relative(question, date) : null);

    /// <summary>
    /// A period relative to <paramref name="today"/>: "this week/month/year" (the calendar one that holds today), "last
    /// week/month/year" (the calendar one before), "the past/last N days/weeks/months/years", "the past week/month/year",
    /// "in the last month" (a rolling span ending today); "since last year" runs on to today. Weeks start on Monday.
    /// </summary>
    public static DateRange? Relative(string question, DateOnly today)
    {
        if (RelativeSpan.Match(question) is not { Success: true } m)
        {
            return null;
        }
        var unit = m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s');
        DateOnly from, to;
        string text;
        if (m.Groups["calendar"].Success)
        {
            var back = m.Groups["calendar"].Value.Equals("this", StringComparison.OrdinalIgnoreCase) || m.Groups["calendar"].Value.Equals("current", StringComparison.OrdinalIgnoreCase) ? 0 : 1;
            switch (unit)
            {
                case "week":
                    var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7 * back);
                    (from, to) = (monday, monday.AddDays(6));
                    break;
                case "month":
                    var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-back);
                    (from, to) = (first, first.AddMonths(1).AddDays(-1));
                    break;
                default:
                    (from, to) = (new DateOnly(today.Year - back, 1, 1), new DateOnly(today.Year - back, 12, 31));
                    break;
            }
            text = $"{(back == 0 ? "this" : "last")} {unit}";
        }
        else
        {
            // "the past 6 months", "the last 2 weeks", "the past year", "recent months": a rolling span ending today.
            var count = m.Groups["n"].Success ? Count(Regex.Replace(m.Groups["n"].Value, @"\s+", " ")) : 1;
            if (count is < 1 or > 100)
            {
                return null;
            }
            from = unit switch
            {
                "day" => today.AddDays(-count + 1),
                "week" => today.AddDays(-7 * count + 1),
                "month" => today.AddMonths(-count).AddDays(1),
                _ => today.AddYears(-count).AddDays(1),
            };
            to = today;
            text = count == 1 ? $"in the past {unit}" : $"in the past {count} {unit}s";
        }
        text += from == to ? $" ({Display(from)})" : $" ({Display(from)} to {Display(to)})";
        var since = Regex.IsMatch(question[..m.Index], @"\bsince\s*$", RegexOptions.IgnoreCase);
        return new DateRange(Key(from), since ? Key(today) : Key(to), since ? "since " + text : text, Text.Tokenizer.Words(m.Value))
        {
            Relative = true,
        };
    }

    private static int Key(DateOnly date) => date.Year * 10000 + date.Month * 100 + date.Day;

    private static string Display(DateOnly date) => $"{Months[date.Month - 1][..1].ToUpperInvariant()}{Months[date.Month - 1][1..]} {date.Day}, {date.Year}";

    private static int Count(string written) => written.ToLowerInvariant() switch
    {
        "a" or "one" => 1,
        "two" or "couple" or "a couple" or "couple of" or "a couple of" => 2,
        "three" or "few" or "a few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "twelve" => 12,
        var digits => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
    };

    // "this month", "last year", "the past 6 months", "the past week", "in the last month" (rolling), "the last few weeks".
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex RelativeSpan => field ??= new(@"\b(?:(?:(?:in|over|within|during)\s+the\s+)?(?:past|last|previous)\s+(?<n>[0-9]{1,3}|a\s+few|a\s+couple(?:\s+of)?|few|couple(?:\s+of)?|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?<unit>days|weeks|months|years)|(?:the\s+)?past\s+(?<unit>week|month|year)|(?:in|over|within|during)\s+the\s+last\s+(?<unit>week|month|year)|(?<calendar>this|current|last|previous)\s+(?<unit>week|month|year))\b", RegexOptions.IgnoreCase);

    public static DateRange? Parse(string question) => Parse(question, (Func<string, bool>?)null);

    private static DateRange? Parse(string question, Func<string, bool>? writtenInCorpus)
    {
        if (Part.Match(question) is { Success: true } part)
        {
            return PartOfYear(part);
        }
        if (MonthSpan.Match(question) is { Success: true } months)
        {
            // "between June and August 2024", "march-may 2023": the year written once serves both months.
            var year = Year(months);
            int first = MonthNumber(months.Groups["m1"].Value), last = MonthNumber(months.Groups["m2"].Value);
            if (first <= last)
            {
                return new DateRange(year * 10000 + first * 100 + 1, year * 10000 + last * 100 + 31,
                    $"{months.Groups["m1"].Value} to {months.Groups["m2"].Value} {year}", Text.Tokenizer.Words(months.Value));
            }
        }
        if (YearSpan.Match(question) is { Success: true } span
            && int.Parse(span.Groups["first"].Value, CultureInfo.InvariantCulture) is var firstYear && int.Parse(span.Groups["last"].Value, CultureInfo.InvariantCulture) is var lastYear
            && firstYear <= lastYear)
        {
            // "papers from 2022-2023", "2021–2024 work": the years written as one span. (A year glued to a word by a hyphen,
            // "SemEval-2022", stays a name, which is why a year alone never reads across a hyphen.)
            return new DateRange(firstYear * 10000 + 101, lastYear * 10000 + 1231, $"{firstYear} to {lastYear}", Text.Tokenizer.Words(span.Value));
        }
        if (PrefixedYear.Match(question) is { Success: true } prefixed)
        {
            // "pre-2022 papers", "anything post-2023": before or after the year, the year itself not included.
            var year = Year(prefixed);
            var said = Text.Tokenizer.Words(prefixed.Value);
            return prefixed.Groups["pre"].Success
                ? new DateRange(null, PreviousDay(year * 10000 + 101), $"before {year}", said)
                : new DateRange(NextDay(year * 10000 + 1231), null, $"after {year}", said);
        }
        var points = Point.Matches(question).Cast<Match>().Where(m => !EditionOfAName(question, m, writtenInCorpus)).ToList();
        if (points.Count == 0)
        {
            return AnyYear(question);
        }
        var words = points.SelectMany(p => Text.Tokenizer.Words(p.Value)).ToList();
        if (points.Count >= 2)
        {
            var between = question[(points[0].Index + points[0].Length)..points[1].Index];
            // "2021 or 2025", "2021 and 2025 papers": either one, not the years between; "between 2021 and 2025", "2021 to
            // 2025", "2021-2025": the span.
            var spanned = Regex.IsMatch(question[..points[0].Index], @"\bbetween\s*$", RegexOptions.IgnoreCase);
            if (Either.IsMatch(between) && !spanned)
            {
                var all = new List<Match> { points[0], points[1] };
                for (var i = 2; i < points.Count && Either.IsMatch(question[(points[i - 1].Index + points[i - 1].Length)..points[i].Index]); i++)
                {
                    all.Add(points[i]);
                }
                var said = all.Count == 2 ? $"{all[0].Value} or {all[1].Value}" : $"{string.Join(", ", all.SkipLast(1).Select(m => m.Value))} or {all[^1].Value}";
                return new DateRange(Start(all[0]), End(all[0]), said, words)
                {
                    Alternatives = all.Skip(1).Select(m => (Start(m), End(m))).ToList(),
                };
            }
            if (Joiner.IsMatch(between))
            {
                return new DateRange(Start(points[0]), End(points[1]), $"{points[0].Value} to {points[1].Value}", words);
            }
        }
        var p = points[0];
        var before = question[..p.Index];
        var cue = Cue.Match(before);
        var text = p.Value;
        var after = question[(p.Index + p.Length)..];
        // "papers from 2021 or earlier", "2023 and before", "in 2024 or later": the date and everything before (after) it.
        var cueWord = cue.Success ? cue.Groups[1].Value.ToLowerInvariant() : "";
        if (cueWord is "" or "from" or "in" or "during" or "of" && OrEarlier.Match(after) is { Success: true } earlier)
        {
            return new DateRange(null, End(p), $"{text} or earlier", [.. words, .. Text.Tokenizer.Words(earlier.Value)]);
        }
        if (cueWord is "" or "in" or "during" or "of" && OrLater.Match(after) is { Success: true } later)
        {
            return new DateRange(Start(p), null, $"{text} or later", [.. words, .. Text.Tokenizer.Words(later.Value)]);
        }
        // "older than 2022", "prior to 2021", "earlier than 2023" are "before"; "newer than 2024", "later than 2023" are
        // "after": strictly, the year itself not included. Their words are the condition's, never a topic ("prior").
        var comparison = cue.Success ? Comparison(cueWord) : null;
        if (comparison is not null)
        {
            words = [.. Text.Tokenizer.Words(cue.Groups[1].Value), .. words];
        }
        return cue.Success ? (comparison ?? cueWord) switch
        {
            "since" or "from" when Onwards.IsMatch(question[(p.Index + p.Length)..]) => new DateRange(Start(p), null, "since " + text, words),
            "since" => new DateRange(Start(p), null, "since " + text, words),
            "after" => new DateRange(NextDay(End(p)), null, "after " + text, words),
            "before" => new DateRange(null, PreviousDay(Start(p)), "before " + text, words),
            "until" or "through" or "up to" => new DateRange(null, End(p), "up to " + text, words),
            _ => new DateRange(Start(p), End(p), text, words),
        } : new DateRange(Start(p), End(p), text, words);
    }

    /// <summary>
    /// "papers from October", "anything published in May?", "what came out on Oct 5": a month, or a month and day, with no
    /// year written. Listings often give a month and day without a year, so a year must not be assumed: every paper dated
    /// in that month of any year matches. Only after a cue of time ("from", "in", "during", "on", "dated", "published in")
    /// and before the question goes on to something else, so "may" the verb and "March" in a name stay words.
    /// </summary>
    private static DateRange? AnyYear(string question)
    {
        if (MonthOfAnyYear.Match(question) is not { Success: true } m)
        {
            return null;
        }
        var month = MonthNumber(m.Groups["month"].Value);
        int? day = m.Groups["day"].Success ? int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture) : null;
        if (day is < 1 or > 31)
        {
            return null;
        }
        var name = $"{Months[month - 1][..1].ToUpperInvariant()}{Months[month - 1][1..]}";
        var text = day is { } d ? $"{name} {d} of any year" : $"in {FullMonths[month - 1]} of any year";
        var words = Text.Tokenizer.Words(m.Groups["month"].Value + (day is null ? "" : " " + m.Groups["day"].Value));
        return new DateRange(null, null, text, words) { MonthOfYear = month, DayOfMonth = day };
    }

    private static readonly string[] FullMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"the second half of 2022", "H1 2023", "Q3 2024", "the first quarter of 2025".</summary>
    private static DateRange PartOfYear(Match part)
    {
        var year = int.Parse(part.Groups["year"].Value, CultureInfo.InvariantCulture);
        var which = part.Groups["which"].Value.ToLowerInvariant();
        var index = which switch
        {
            "first" or "1st" or "1" => 1,
            "second" or "2nd" or "2" => 2,
            "third" or "3rd" or "3" => 3,
            _ => 4,
        };
        var months = part.Groups["half"].Success ? 6 : 3;
        var firstMonth = (index - 1) * months + 1;
        var lastMonth = firstMonth + months - 1;
        var text = $"{(months == 6 ? "H" : "Q")}{index} {year}";
        return new DateRange(year * 10000 + firstMonth * 100 + 1, year * 10000 + lastMonth * 100 + 31, text, Text.Tokenizer.Words(part.Value));
    }

    /// <summary>The sort key just after an end-of-month key (every month is taken to have 31 days, as the keys allow).</summary>
    private static int NextDay(int key)
    {
        int y = key / 10000, m = key / 100 % 100, d = key % 100 + 1;
        if (d > 31)
        {
            (m, d) = (m + 1, 1);
        }
        if (m > 12)
        {
            (y, m) = (y + 1, 1);
        }
        return y * 10000 + m * 100 + d;
    }

    private static int PreviousDay(int key)
    {
        int y = key / 10000, m = key / 100 % 100, d = key % 100 - 1;
        if (d < 1)
        {
            (m, d) = (m - 1, 31);
        }
        if (m < 1)
        {
            (y, m) = (y - 1, 12);
        }
        return y * 10000 + m * 100 + d;
    }

    private static int Year(Match m) => int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);

    private static int? Month(Match m) =>
        m.Groups["month"].Success ? MonthNumber(m.Groups["month"].Value) : null;

    private static int MonthNumber(string name) => Array.IndexOf(Months, name[..3].ToLowerInvariant()) + 1;

    private static int Start(Match m) => Year(m) * 10000 + (Month(m) ?? 1) * 100 + 1;

    private static int End(Match m) => Year(m) * 10000 + (Month(m) ?? 12) * 100 + 31;

    private static Regex Point => field ??= new(@"(?<![\w-])(?:(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+)?(?<year>19[5-9][0-9]|20[0-9][0-9])(?![\w-])", RegexOptions.IgnoreCase);

    private static Regex YearSpan => field ??= new(@"(?<![\w-])(?<first>19[5-9][0-9]|20[0-9][0-9])\s*[-–]\s*(?<last>19[5-9][0-9]|20[0-9][0-9])(?![\w-])");

    private static Regex PrefixedYear => field ??= new(@"(?<![\w-])(?:(?<pre>pre)|post)[\s-]?(?<year>19[5-9][0-9]|20[0-9][0-9])(?![\w-])", RegexOptions.IgnoreCase);

    private const string MonthName = @"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    private static Regex MonthSpan => field ??= new(@"(?<![\w-])(?<m1>" + MonthName + @")\.?\s*(?:-|–|to|and|through|until|till)\s*(?<m2>" + MonthName + @")\.?,?\s+(?:of\s+)?(?<year>19[5-9][0-9]|20[0-9][0-9])(?![\w-])", RegexOptions.IgnoreCase);

    private static Regex Part => field ??= new(@"\b(?:(?:the\s+)?(?<which>first|second|1st|2nd)\s+(?<half>half)|h(?<which>[12])(?<half>)|(?:the\s+)?(?<which>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter|q(?<which>[1-4]))\s+(?:of\s+)?(?<year>19[5-9][0-9]|20[0-9][0-9])\b", RegexOptions.IgnoreCase);

    // A time cue, the month (and a day), then the end of the question or a word that starts another part of it.
    private static Regex MonthOfAnyYear => field ??= new(@"\b(?:from|in|during|on|dated|(?:published|released|posted|added|listed|submitted)\s+(?:in|on|during))\s+(?:the\s+month\s+of\s+)?(?<month>" + MonthName + @")\.?(?:\s+(?<day>[0-9]{1,2})(?:st|nd|rd|th)?)?(?=\s*(?:[?.!,;:)]|$|\s+(?:and|or|with|about|on|by|that|which|from|in|of|for|papers?)\b))", RegexOptions.IgnoreCase);

    private static Regex Joiner => field ??= new(@"^\s*(?:and|to|-|–|through|until|or)\s*$", RegexOptions.IgnoreCase);

    private static Regex Either => field ??= new(@"^\s*(?:,|,?\s*or|,?\s*and(?:\s+also)?|and/or)\s*$", RegexOptions.IgnoreCase);

    /// <summary>"what score does VAPO reach on AIME 2024?", "results on WMT 2023": a bare year right after a name written in
    /// capitals is the edition of a benchmark or a shared task, not when a paper came out, unless a date cue leads the name
    /// ("papers from ICLR 2024", "published in NeurIPS 2023").
    /// The same holds for a word in any case when the corpus writes it with the year ("vapo on aime 2024": some abstract
    /// writes "AIME 2024"); a time word ("in", "from", "papers") never is one, as no paper writes "papers 2024".</summary>
    private static bool EditionOfAName(string question, Match point, Func<string, bool>? writtenInCorpus)
    {
        if (point.Groups["month"].Success)
        {
            return false;
        }
        var before = question[..point.Index];
        if (NameBeforeYear.Match(before) is { Success: true } name)
        {
            return !Cue.IsMatch(question[..name.Index]);
        }
        return writtenInCorpus is not null && WordBeforeYear.Match(before) is { Success: true } word
            && !Text.Tokenizer.IsStopWord(word.Groups["word"].Value.ToLowerInvariant()) && !Cue.IsMatch(question[..word.Index])
            && writtenInCorpus(word.Groups["word"].Value + " " + point.Groups["year"].Value);
    }

    // An all-capitals name (two letters or more, digits allowed: "AIME", "WMT", "GSM8K") just before the year.
    private static Regex NameBeforeYear => field ??= new(@"(?<![\w-])[A-Z][A-Z0-9]+\s+$");

    // Any word (letters first, digits and hyphens allowed) just before the year.
    private static Regex WordBeforeYear => field ??= new(@"(?<![\w-])(?<word>\p{L}[\p{L}\p{N}\-]*)\s+$");

    /// <summary>"before" or "after" for a cue that compares ("older than", "prior to", "newer than"); null for the others.</summary>
    private static string? Comparison(string cue) => Regex.Replace(cue, @"\s+", " ") switch
    {
        "older than" or "earlier than" or "prior to" or "previous to" or "ahead of" => "before",
        "newer than" or "later than" or "more recent than" or "younger than" => "after",
        _ => null,
    };

    private static Regex Cue => field ??= new(@"\b(since|after|before|until|through|up to|from|in|during|of|older\s+than|earlier\s+than|prior\s+to|previous\s+to|ahead\s+of|newer\s+than|later\s+than|more\s+recent\s+than|younger\s+than)\s*(?:the\s+(?:year|month)\s+(?:of\s+)?)?$", RegexOptions.IgnoreCase);

    private static Regex Onwards => field ??= new(@"^\s*(?:on|onwards?|and later|or later)\b", RegexOptions.IgnoreCase);

    private static Regex OrEarlier => field ??= new(@"^\s*(?:or|and)\s+(?:earlier|before|prior|older)\b", RegexOptions.IgnoreCase);

    // Not a bare "on": "papers in 2024 on reasoning" names a subject.
    private static Regex OrLater => field ??= new(@"^\s*(?:onwards?|(?:or|and)\s+(?:later|after|newer))\b", RegexOptions.IgnoreCase);
}
