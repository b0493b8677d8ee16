namespace PaperBot.Core.Ingest;

/// <summary>
/// Parsed listings waiting to be written. Ingest reads and parses every file before it takes the database's write lock
/// (a slow or stuck read must never hold up the answers), and a run of a million papers does not fit in memory as
/// records; so the records go to this temporary file, next to the database, and are read back inside the write
/// transaction. Deleted when disposed, or by the OS when the process dies.
/// </summary>
internal sealed class IngestSpool : IDisposable
{
    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;
    private int _files;

    public IngestSpool(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $".ingest-{Environment.ProcessId}-{Guid.NewGuid():N}.spool");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
            BufferSize = 1 << 20,
        };
        if (!OperatingSystem.IsWindows())
        {
            // It holds the text of the listings being ingested, like the database beside it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        _stream = new FileStream(path, options);
        _writer = new BinaryWriter(_stream, System.Text.Encoding.UTF8, leaveOpen: true);
    }

    public int Count => _files;

    public void Add(SpooledFile file, IReadOnlyList<ListingRecord> records)
    {
        _writer.Write(file.Name);
        _writer.Write(file.Sha256);
        _writer.Write(file.FullPath);
        _writer.Write(records.Count);
        foreach (var record in records)
        {
            _writer.Write(string.IsNullOrWhiteSpace(record.Title) ? "" : PaperKeys.TitleKey(record.Title));
            _writer.Write(PaperKeys.AbstractKey(record.Abstract));
            _writer.Write(record.File);
            _writer.Write(record.Line);
            _writer.Write(Storage.PaperJson.Serialize(record));
        }
        _files++;
    }

    /// <summary>The files in the order they were added, each with its records; read once, after the last Add.</summary>
    public IEnumerable<(SpooledFile File, List<SpooledRecord> Records)> ReadAll()
    {
        _writer.Flush();
        _stream.Position = 0;
        using var reader = new BinaryReader(_stream, System.Text.Encoding.UTF8, leaveOpen: true);
        for (var f = 0; f < _files; f++)
        {
            var file = new SpooledFile(reader.ReadString(), reader.ReadString(), reader.ReadString());
            var count = reader.ReadInt32();
            var records = new List<SpooledRecord>(count);
            for (var r = 0; r < count; r++)
            {
                var titleKey = reader.ReadString();
                records.Add(new SpooledRecord(titleKey.Length == 0 ? null : titleKey, reader.ReadString(), reader.ReadString(), reader.ReadInt32(), reader.ReadString()));
            }
            yield return (file, records);
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}

/// <summary>A listing file read and parsed: its identity, content hash and where it was read from.</summary>
internal sealed record SpooledFile(string Name, string Sha256, string FullPath);

/// <summary>One parsed record as the writer needs it: its merge keys, where it came from, and its JSON.</summary>
internal sealed record SpooledRecord(string? TitleKey, string AbstractKey, string File, int Line, string Json)
{
    public IEnumerable<string> Keys => TitleKey is null ? [AbstractKey] : [TitleKey, AbstractKey];
}
