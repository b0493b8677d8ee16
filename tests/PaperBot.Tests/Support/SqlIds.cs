using Microsoft.Data.Sqlite;

namespace PaperBot.Tests.Support;

/// <summary>The first column of a query's rows, for expected answers read with plain SQL (never copied from an answer).</summary>
public static class SqlIds
{
    public static IReadOnlyList<string> Read(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
