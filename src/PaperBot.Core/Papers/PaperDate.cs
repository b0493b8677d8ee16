using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperBot.Core.Papers;

/// <summary>A listing date. Many listings omit the year ("Apr 17"), so the year is optional and never guessed.</summary>
public readonly partial record struct PaperDate(int? Year, int Month, int Day)
{
    private static readonly string[] MonthNames =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public const string MonthPattern = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";

    public bool YearKnown => Year is not null;

    /// <summary>ISO 8601 "2023-09-11", or the year-less form "--09-11" when the listing gave no year.</summary>
    public string ToIso() => Year is { } y
        ? $"{y:D4}-{Month:D2}-{Day:D2}"
        : $"--{Month:D2}-{Day:D2}";

    /// <summary>What a person reads: "Sep 11, 2023", or "Apr 17, no year listed" when the listing gives none. The same
    /// words wherever a date is shown (answers, citations, Discord and Teams replies, the digest), after a title in
    /// brackets or on its own.</summary>
    public string ToDisplay() => Year is { } y
        ? $"{MonthAndDay()}, {y}"
        : $"{MonthAndDay()}, {NoYear}";

    /// <summary>What stands for the year of a date whose listing gives none.</summary>
    public const string NoYear = "no year listed";

    /// <summary>"Apr 17": the month and day alone.</summary>
    public string MonthAndDay() => $"{MonthNames[Month - 1]} {Day}";

    /// <summary>Sortable key; year-less dates sort before every dated one.</summary>
    public int SortKey => ((Year ?? 0) * 100 + Month) * 100 + Day;

    public static bool TryParseListing(string month, string day, string? year, out PaperDate date)
    {
        date = default;
        var m = Array.IndexOf(MonthNames, month) + 1;
        if (m == 0 || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d is < 1 or > 31)
        {
            return false;
        }
        int? y = null;
        if (!string.IsNullOrEmpty(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedYear) || parsedYear is < 1900 or > 2200)
            {
                return false;
            }
            y = parsedYear;
        }
        date = new PaperDate(y, m, d);
        return true;
    }

    public static PaperDate? FromIso(string? iso)
    {
        if (string.IsNullOrEmpty(iso))
        {
            return null;
        }
        var match = IsoPattern().Match(iso);
        if (!match.Success)
        {
            return null;
        }
        int? year = match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        return new PaperDate(year, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?:(\d{4})|-)-(\d{2})-(\d{2})$")]
    private static partial Regex IsoPattern();
}
