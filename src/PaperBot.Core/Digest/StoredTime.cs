using System.Globalization;

namespace PaperBot.Core.Digest;

/// <summary>
/// Timestamps are stored as round-trip UTC text ("O" with +00:00), the same form papers.first_seen uses, so
/// string comparison in SQL orders them correctly.
/// </summary>
internal static class StoredTime
{
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();

    public static DateTimeOffset? ParseOrNull(object? value) => value is string s ? Parse(s) : null;
}
