using System.Text.RegularExpressions;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// "which papers use mixture of experts for vision?": the corpus has papers on the subject (mixture of experts) but
/// none on it for what the question narrows it to (vision). The answer then lists the subject's papers, and without a
/// word a reader takes them for what was asked. This finds that case, so the answer can say it first: "No paper in the
/// 452 papers is about mixture of experts for vision; these are about mixture of experts:".
/// It only speaks when the index proves it: some paper writes the subject, some paper writes the qualifier, and no
/// paper writes both (the qualifier's words anywhere in a paper about the subject, stemmed as the index stems them).
/// </summary>
public sealed class UnmetQualifier(PaperStore store)
{
    /// <summary>What the question narrows to that no paper on its subject covers; null when the papers do, or when the
    /// question has no "subject for/in/on qualifier" shape.</summary>
    public sealed record Finding(string Subject, string Qualifier);

    /// <summary>Words that say what is asked for, not what about: "which papers use", "any work applying".</summary>
    private static readonly HashSet<string> FrameWords = new(StringComparer.Ordinal)
    {
        "paper", "papers", "work", "works", "research", "study", "studies", "use", "uses", "using", "used", "apply", "applies",
        "applying", "applied", "approach", "approaches", "method", "methods", "technique", "techniques", "anything", "something",
        "show", "find", "list", "tell", "give", "corpus", "collection", "here", "exist", "exists", "existing",
    };

    public Finding? Find(string question, string topPaperId)
    {
        if (Shape.Match(question) is not { Success: true } m || !AsksForPapers.IsMatch(m.Groups["subject"].Value))
        {
            return null;
        }
        var subjectWords = Tokenizer.Words(m.Groups["subject"].Value).ToList();
        // The subject starts at its first content word that is not a frame word ("which papers use mixture of experts").
        var content = Tokenizer.ContentWords(m.Groups["subject"].Value).Where(w => !FrameWords.Contains(w)).ToList();
        var qualifier = Tokenizer.ContentWords(m.Groups["qualifier"].Value).Where(w => !FrameWords.Contains(w)).ToList();
        if (content.Count == 0 || qualifier.Count == 0)
        {
            return null;
        }
        var start = subjectWords.FindIndex(w => w.Equals(content[0], StringComparison.OrdinalIgnoreCase));
        var subject = start < 0 ? string.Join(' ', content) : string.Join(' ', subjectWords.Skip(start));
        using var connection = store.Database.Open();
        if (MetadataSearcher.TopicMatch(connection, [string.Join(' ', content)]) is not { } subjectMatch)
        {
            return null;
        }
        var qualifierMatch = $"{{title abstract}} : ({string.Join(" AND ", qualifier.Select(FtsQuery.Quote))})";
        var onSubject = Seqs(connection, subjectMatch);
        if (onSubject.Count == 0 || Count(connection, qualifierMatch) == 0 || Count(connection, $"({subjectMatch}) AND ({qualifierMatch})") > 0)
        {
            return null;
        }
        // The answer must be about the subject for "these are about the subject" to be true of it.
        return onSubject.Contains(SeqOf(connection, topPaperId)) ? new Finding(subject, m.Groups["qualifier"].Value.Trim()) : null;
    }

    private static long Count(Microsoft.Data.Sqlite.SqliteConnection connection, string match)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM papers_fts WHERE papers_fts MATCH $match";
        cmd.Parameters.AddWithValue("$match", match);
        return (long)cmd.ExecuteScalar()!;
    }

    private static HashSet<long> Seqs(Microsoft.Data.Sqlite.SqliteConnection connection, string match)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT rowid FROM papers_fts WHERE papers_fts MATCH $match";
        cmd.Parameters.AddWithValue("$match", match);
        var seqs = new HashSet<long>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            seqs.Add(reader.GetInt64(0));
        }
        return seqs;
    }

    private static long SeqOf(Microsoft.Data.Sqlite.SqliteConnection connection, string id)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq FROM papers WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar() is long seq ? seq : -1;
    }

    // "… <subject> for|in|on|applied to <one or two words>?" at the end of a question that asks for papers.
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex Shape => field ??= new(@"^(?:which|what|any|are\s+there|is\s+there|do\s+you\s+have|show\s+me|find|list)\b(?<subject>.+?)\s+(?:for|in|on|applied\s+to|to)\s+(?<qualifier>[\p{L}\p{N}-]+(?:\s+[\p{L}\p{N}-]+)?)\s*[?!.]*\s*$", RegexOptions.IgnoreCase);

    // The question asks for papers ("which papers use X for Y", "anything on X in Y"), not about one effect or claim.
    private static Regex AsksForPapers => field ??= new(@"\b(?:papers?|work|research|studies|anything|something)\b", RegexOptions.IgnoreCase);
}
