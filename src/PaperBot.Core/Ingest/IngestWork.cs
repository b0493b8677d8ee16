using System.Globalization;

namespace PaperBot.Core.Ingest;

/// <summary>A piece of ingest work replicas must do once: its kind and the key that identifies it across replicas.</summary>
public sealed record IngestWork(string Kind, string Key)
{
    /// <summary>
    /// A listing file dropped into an inbox, known by its name, size and content: the same file reaching two replicas'
    /// inboxes (or a shared one) is one piece of work; another file that happens to have the same name is another.
    /// </summary>
    public static IngestWork InboxFile(string name, long size, string sha256) =>
        new("inbox", string.Create(CultureInfo.InvariantCulture, $"{sha256}:{size}:{name}"));

    /// <summary>One period's fetch from a source: every replica's timer falls into the same period, and one replica fetches.</summary>
    public static IngestWork Fetch(string source, DateTimeOffset periodStart) =>
        new("fetch", string.Create(CultureInfo.InvariantCulture, $"{source}@{periodStart.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'}"));
}
