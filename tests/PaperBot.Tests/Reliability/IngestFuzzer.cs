using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Chat;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;

namespace PaperBot.Reliability;

/// <summary>
/// Throws listing files that must not change the stored papers at a real ingest (random and binary bytes, truncated and
/// mutated copies of the corpus, huge files, named pipes, devices, dangling and looping links, empty records, escape
/// sequences, another folder's file of a corpus file's name), and odd questions at the real answer path. After every
/// round: no exception escaped, <c>PRAGMA integrity_check</c> is ok, no paper was lost, papers are unchanged (or, for
/// mutated copies, which are second listings and may add metadata, keep their title and abstract), and nothing stored
/// holds a control character. The same code runs a few seconds with a fixed seed in the tests and as long as asked in
/// the benchmark command (<c>dotnet run -c Release --project tests/PaperBot.Benchmarks -- fuzz-ingest</c>).
/// </summary>
public sealed class IngestFuzzer
{
    /// <summary>Small enough that "huge" files are quick to write, large enough for every corpus listing.</summary>
    public const long MaxFileBytes = 512 * 1024;

    private static readonly string[] Words =
    [
        "model", "language", "Abstract:", "We", "propose", "•", "·", "authors", "Aug", "4", "2", "Sep 28, 2023", "Subscribe",
        "et al.", "Code", "16.7CLDec 14, 2022Code", "LLM", "RLHF", "(DPO)", "naïve", "Straße", "模型", "نموذج", "🙂", "e\u0301",
        "\u202Eevil", "\uFEFF", "NEAR(", "\"", "*", "OR", "'; DROP TABLE papers; --", "https://github.com/x/y", "\t", "…",
    ];

    private readonly string _corpus;
    private readonly string _work;
    private readonly Random _random;
    private readonly SqliteConnectionFactory _factory;
    private readonly IngestService _ingest;
    private readonly string[] _corpusFiles;
    private int _round;

    public IngestFuzzer(string corpusFolder, string workFolder, int seed)
    {
        _corpus = Path.GetFullPath(corpusFolder);
        _work = Path.GetFullPath(workFolder);
        Directory.CreateDirectory(_work);
        _random = new Random(seed);
        DatabasePath = Path.Combine(_work, "fuzz.db");
        _factory = new SqliteConnectionFactory(DatabasePath);
        _ingest = new IngestService(_factory, TimeProvider.System, NullLogger<IngestService>.Instance,
            Options.Create(new IngestOptions { Root = _work, MaxFileBytes = MaxFileBytes }), Options.Create(new StorageOptions { Corpus = _corpus }), new UnsharedListingLog());
        _corpusFiles = Directory.GetFiles(_corpus).Order(StringComparer.Ordinal).ToArray();
    }

    public string DatabasePath { get; }

    /// <summary>Ingests the corpus, then fuzzes ingest for up to <paramref name="budget"/> or <paramref name="maxRounds"/> rounds.</summary>
    public FuzzReport FuzzIngest(TimeSpan budget, int maxRounds)
    {
        var report = new FuzzReport("ingest");
        var stopwatch = Stopwatch.StartNew();
        _ingest.Ingest([_corpus]);
        var original = Snapshot();
        var previous = original;
        while (_round < maxRounds && stopwatch.Elapsed < budget)
        {
            var folder = Path.Combine(_work, $"round{_round++:D5}");
            Directory.CreateDirectory(folder);
            var files = new List<(string Kind, string Path)>();
            for (var n = _random.Next(1, 4); n > 0; n--)
            {
                files.Add(MakeFile(folder));
            }
            var kinds = string.Join("+", files.Select(f => f.Kind));
            var inert = files.All(f => f.Kind != "mutated-copy");
            foreach (var (kind, _) in files)
            {
                report.Tried(kind);
            }
            IngestReport result;
            try
            {
                result = _ingest.Ingest(files.Select(f => f.Path));
            }
            catch (Exception e)
            {
                report.Fail(kinds, $"ingest threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            var now = Snapshot();
            if (Integrity() is var integrity && integrity != "ok")
            {
                report.Fail(kinds, $"integrity_check: {integrity}");
            }
            foreach (var (id, paper) in original)
            {
                if (!now.TryGetValue(id, out var current))
                {
                    if (previous.ContainsKey(id))
                    {
                        report.Fail(kinds, $"paper {id} was lost ({WhereIs(paper.Title)}; files {string.Join(", ", files.Select(f => Path.GetRelativePath(_work, f.Path)))})");
                    }
                }
                else if (current.Title != paper.Title || current.Abstract != paper.Abstract)
                {
                    report.Fail(kinds, $"paper {id} changed its title or abstract");
                }
                else if (inert && previous.TryGetValue(id, out var before) && before.Hash != current.Hash)
                {
                    report.Fail(kinds, $"paper {id} changed (metadata)");
                }
            }
            foreach (var (id, paper) in now)
            {
                if (HasControl(paper.Title) || HasControl(paper.Abstract) || paper.Abstract.Length == 0)
                {
                    report.Fail(kinds, $"paper {id} holds a control character or no abstract");
                }
            }
            if (result.Unplaced.Any(u => HasControl(u.Text)) || result.Errors.Any(e => HasControl(e.Message)))
            {
                report.Fail(kinds, "the ingest report holds a control character");
            }
            previous = now;
        }
        report.Rounds = _round;
        report.Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1);
        report.Papers = previous.Count;
        return report;
    }

    /// <summary>Asks odd questions through the assistant (every chat command, the answer path, the database).</summary>
    public async Task<FuzzReport> FuzzQuestionsAsync(IServiceProvider services, TimeSpan budget, int maxQuestions)
    {
        var report = new FuzzReport("questions");
        var assistant = services.GetRequiredService<PaperBotAssistant>();
        var before = Snapshot();
        // The first search trains (or loads) the corpus vectors; the budget is for the questions, not for that.
        await assistant.HandleAsync(ChatRequest.FromText("warm up", "fuzz:warm", "fuzz"));
        var stopwatch = Stopwatch.StartNew();
        var asked = 0;
        while (asked < maxQuestions && stopwatch.Elapsed < budget)
        {
            var (kind, question) = MakeQuestion();
            report.Tried(kind);
            asked++;
            try
            {
                var reply = await assistant.HandleAsync(ChatRequest.FromText(question, $"fuzz:{asked % 7}", "fuzz"));
                var text = reply.ToPlainText();
                if (string.IsNullOrWhiteSpace(text))
                {
                    report.Fail(kind, $"empty reply to {Show(question)}");
                }
                foreach (var citation in reply.Sources)
                {
                    if (!before.ContainsKey(citation.Id))
                    {
                        report.Fail(kind, $"cited {citation.Id}, which is not a paper, for {Show(question)}");
                    }
                }
            }
            catch (Exception e)
            {
                report.Fail(kind, $"{e.GetType().Name}: {e.Message} for {Show(question)}");
            }
        }
        if (Integrity() is var integrity && integrity != "ok")
        {
            report.Fail("all", $"integrity_check: {integrity}");
        }
        var after = Snapshot();
        if (after.Count != before.Count || after.Any(p => !before.TryGetValue(p.Key, out var b) || b.Hash != p.Value.Hash))
        {
            report.Fail("all", "questions changed the papers");
        }
        report.Rounds = asked;
        report.Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1);
        report.Papers = after.Count;
        return report;
    }

    private (string Kind, string Path) MakeFile(string folder)
    {
        var pick = _random.Next(11);
        var name = Path.Combine(folder, $"f{_random.Next(1_000_000)}.txt");
        switch (pick)
        {
            case 0:
                File.WriteAllBytes(name, RandomBytes(_random.Next(0, 64 * 1024)));
                return ("random-bytes", name);
            case 1:
                File.WriteAllText(name, RandomText(_random.Next(1, 60)));
                return ("random-text", name);
            case 2:
            {
                var source = File.ReadAllBytes(Pick(_corpusFiles));
                File.WriteAllBytes(name, source[.._random.Next(0, source.Length)]);
                return ("truncated-copy", name);
            }
            case 3:
                File.WriteAllText(name, Mutate(File.ReadAllText(Pick(_corpusFiles))));
                return ("mutated-copy", name);
            case 4:
            {
                var sb = new StringBuilder();
                while (sb.Length <= MaxFileBytes)
                {
                    sb.Append(RandomText(50)).Append('\n');
                }
                File.WriteAllText(name, sb.ToString());
                return ("huge", name);
            }
            case 5:
                return ("special-file", MakeSpecial(folder, name));
            case 6:
                File.WriteAllText(name, Pick(["", "\n\n\n", "Abstract:", "Abstract:\n\nAbstract:\n", " \t \n", "\uFEFF", "Title only\n",
                    "•\n·\nAug 4 2\n", "Abstract: …\n", "16.7CLDec 14, 2022Code\n"]));
                return ("empty-records", name);
            case 7:
            {
                // Another folder's file with a corpus file's base name: it must not replace that listing.
                var sub = Path.Combine(folder, "x");
                Directory.CreateDirectory(sub);
                var impostor = Path.Combine(sub, Path.GetFileName(Pick(_corpusFiles)));
                File.WriteAllText(impostor, _random.Next(2) == 0 ? "hello\n" : RandomText(20));
                return ("same-base-name", impostor);
            }
            case 8:
                File.WriteAllText(name, $"Title {Escape()}With{Escape()} Escapes {_random.Next()}\n" +
                    $"We {Escape()}propose a method{Escape()} that {RandomText(3).Replace('\n', ' ')} " + new string('x', 10) + " " +
                    string.Join(' ', Enumerable.Range(0, 60).Select(_ => Pick(["model", "data", "task", "result", "gain"]))) + ".\n");
                return ("escape-sequences", name);
            case 9:
                File.WriteAllText(name, File.ReadAllText(Pick(_corpusFiles)).ReplaceLineEndings(Pick(["\r\n", "\r", "\n\n", "\u2028"])));
                return ("line-endings", name);
            default:
            {
                // Valid UTF-8 text, with a NUL past the first 64 KiB (the binary check looks at the start only).
                var text = RandomText(30) + new string('a', 70_000) + "\0" + RandomText(5);
                File.WriteAllText(name, text);
                return ("late-nul", name);
            }
        }
    }

    private string MakeSpecial(string folder, string name)
    {
        var which = _random.Next(6);
        if (OperatingSystem.IsWindows())
        {
            which = 5;
        }
        switch (which)
        {
            case 0:
                _ = MakeFifo(name, 0x180);
                return name;
            case 1:
                File.CreateSymbolicLink(name, "/dev/zero");
                return name;
            case 2:
                File.CreateSymbolicLink(name, "/dev/urandom");
                return name;
            case 3:
                File.CreateSymbolicLink(name, Path.Combine(folder, "does-not-exist"));
                return name;
            case 4:
                File.CreateSymbolicLink(name, name + ".loop");
                File.CreateSymbolicLink(name + ".loop", name);
                return name;
            default:
                Directory.CreateDirectory(name);
                File.WriteAllText(Path.Combine(name, "inside.txt"), "hello\n");
                return name;
        }
    }

    private string Mutate(string text)
    {
        var lines = text.Split('\n').ToList();
        for (var n = _random.Next(1, 6); n > 0 && lines.Count > 1; n--)
        {
            var i = _random.Next(lines.Count);
            switch (_random.Next(6))
            {
                case 0 when lines[i].Length > 0:
                    var chars = lines[i].ToCharArray();
                    chars[_random.Next(chars.Length)] = (char)_random.Next(32, 0x2FF);
                    lines[i] = new string(chars);
                    break;
                case 1:
                    lines.RemoveAt(i);
                    break;
                case 2:
                    lines.Insert(i, lines[i]);
                    break;
                case 3:
                    var j = _random.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case 4:
                    lines[i] = Escape() + lines[i] + Escape();
                    break;
                default:
                    lines.Insert(i, RandomText(2).Replace('\n', ' '));
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    private (string Kind, string Question) MakeQuestion()
    {
        return _random.Next(9) switch
        {
            0 => ("random-unicode", new string(Enumerable.Range(0, _random.Next(0, 80)).Select(_ => (char)_random.Next(1, 0xFFFF)).ToArray())),
            1 => ("control-chars", $"what about {Escape()}speculative decoding{Escape()}\u0000?"),
            2 => ("operators", Pick(["\"", "NEAR(a b", "*", "^title", "a OR", "-", ":", "()", "'; DROP TABLE papers; --", "title:x AND abstract:y", "\\"])),
            3 => ("very-long", string.Join(' ', Enumerable.Range(0, _random.Next(500, 3000)).Select(_ => Pick(Words)))),
            4 => ("commands", Pick(["paper ", "similar ", "search ", "paper zzzzzz", "similar 💥", "help me", "digest status", "digest preview", "ask", "exit"])
                              + RandomText(1).Trim()),
            5 => ("words", string.Join(' ', Enumerable.Range(0, _random.Next(1, 12)).Select(_ => Pick(Words)))),
            6 => ("punctuation", new string(Enumerable.Range(0, _random.Next(1, 40)).Select(_ => Pick("?!.,;:-–—…()[]{}<>@#$%&*".ToCharArray())).ToArray())),
            7 => ("lone-surrogates", "papers on \uD800 and \uDFFF decoding"),
            _ => ("follow-ups", Pick(["the second one", "who wrote it?", "compare the first and the third", "and the 9th?", "that paper", "more"])),
        };
    }

    private string Escape() => Pick(["\u001b]0;pwned\u0007", "\u001b[31m", "\u001b[2J", "\u009b1m", "\u0007", "\u0008", "\u001b", "\r", "\u007f"]);

    private string RandomText(int lines)
    {
        var sb = new StringBuilder();
        for (var l = 0; l < lines; l++)
        {
            var words = _random.Next(4) == 0 ? _random.Next(40, 90) : _random.Next(0, 12);
            for (var w = 0; w < words; w++)
            {
                sb.Append(Pick(Words)).Append(' ');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private Dictionary<string, (string Title, string Abstract, string Hash)> Snapshot()
    {
        using var connection = _factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, title, abstract, content_hash FROM papers";
        using var reader = cmd.ExecuteReader();
        var papers = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            papers[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }
        return papers;
    }

    /// <summary>Where a lost paper's title went: merged into another paper, or gone.</summary>
    private string WhereIs(string title)
    {
        using var connection = _factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id FROM papers WHERE title = $t";
        cmd.Parameters.AddWithValue("$t", title);
        return cmd.ExecuteScalar() is string id ? $"its title is now paper {id}'s" : "gone";
    }

    private string Integrity()
    {
        using var connection = _factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static bool HasControl(string text) => text.Any(PaperBot.Core.Text.ControlCharacters.IsUnwanted);

    private static string Show(string question) =>
        PaperBot.Core.Text.ControlCharacters.EscapeForTerminal(question.Length > 60 ? question[..60] + "…" : question);

    [DllImport("libc", EntryPoint = "mkfifo")]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}

/// <summary>Cases tried by kind and the failures seen, for the test's assertion and the benchmark's table.</summary>
public sealed class FuzzReport(string name)
{
    public string Name { get; } = name;
    public SortedDictionary<string, int> Cases { get; } = new(StringComparer.Ordinal);
    public List<string> Failures { get; } = [];
    public int Rounds { get; set; }
    public int Papers { get; set; }
    public double Seconds { get; set; }

    public void Tried(string kind) => Cases[kind] = Cases.GetValueOrDefault(kind) + 1;

    public void Fail(string kind, string problem) => Failures.Add($"{kind}: {problem}");

    public override string ToString() =>
        $"{Name}: {Rounds} rounds in {Seconds} s, {Papers} papers, {Failures.Count} failures\n" +
        string.Join('\n', Cases.Select(c => $"  {c.Key,-18} {c.Value,6}")) +
        (Failures.Count == 0 ? "" : "\n" + string.Join('\n', Failures.Take(20).Select(f => "  FAIL " + f)));
}
