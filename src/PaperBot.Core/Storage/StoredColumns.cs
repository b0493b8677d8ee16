using System.Data.Common;
using PaperBot.Core.Digest;

namespace PaperBot.Core.Storage;

/// <summary>
/// Reads the columns that SQLite and PostgreSQL store differently, so a table kept in both has one row mapping: SQLite
/// keeps a boolean as an integer and a time as round-trip UTC text; PostgreSQL has boolean and timestamptz. What the
/// reader holds for the current row tells which.
/// </summary>
public static class StoredColumns
{
    public static bool Boolean(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(bool) ? reader.GetBoolean(ordinal) : reader.GetInt64(ordinal) != 0;

    /// <summary>A time as the digest tables keep it (SQLite: <c>StoredTime</c> text), in UTC.</summary>
    public static DateTimeOffset Time(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string) ? StoredTime.Parse(reader.GetString(ordinal)) : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? TimeOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    public static string? StringOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
