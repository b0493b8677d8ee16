namespace PaperBot.Core.Ingest;

/// <summary>
/// A record whose abstract differs from the one an earlier listing gave the same paper (matched by title or by the
/// abstract's opening). The earlier abstract is kept (see <see cref="RecordMerger"/>); the record is still stored as one
/// of the paper's sources, and its metadata still counts.
/// </summary>
public sealed record IngestConflict(string File, int Line, string PaperId, string KeptFrom);
