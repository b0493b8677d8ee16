using System.Text;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Host.Benchmark;

/// <summary>
/// Writes a synthetic corpus of any size from the real corpus's own sentences, in two of the listing formats
/// (the daily-papers page with dates, and the title-with-authors list). Each paper gets a unique made-up method
/// name in its title and first sentence, so no two collapse into one paper at ingest; the rest is real prose,
/// shuffled, so term statistics stay realistic.
/// </summary>
public static class SyntheticCorpus
{
    public const int PapersPerFile = 1000;
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qu", "bra", "dex", "fin", "gor", "hal", "jun", "pex", "tor", "vun", "wix"];

    public static (int Files, long Bytes) Write(PaperStore source, string directory, int papers, int seed = 7)
    {
        var sentences = new List<string>();
        var titleParts = new List<string>();
        var authors = new List<string>();
        foreach (var (_, title, abstractText, authorList, _) in source.SearchableText())
        {
            sentences.AddRange(SentenceSplitter.Split(abstractText).Where(s => s.Length is > 40 and < 400));
            titleParts.AddRange(title.Split(':', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(t => t.Length > 12 && !t.EndsWith('…')));
            authors.AddRange(authorList.Split(", ", StringSplitOptions.RemoveEmptyEntries));
        }
        if (sentences.Count < 10 || titleParts.Count < 10)
        {
            throw new InvalidOperationException("The source database has too few papers to build a synthetic corpus from; ingest the corpus first.");
        }
        if (authors.Count == 0)
        {
            authors.Add("A. Author");
        }
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        long bytes = 0;
        var files = 0;
        for (var start = 0; start < papers; start += PapersPerFile)
        {
            var count = Math.Min(PapersPerFile, papers - start);
            var sb = new StringBuilder(count * 1200);
            var daily = files % 2 == 0;
            if (daily)
            {
                sb.Append("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\n");
                sb.Append(Months[random.Next(12)]).Append(' ').Append(random.Next(1, 29)).Append("\n\n");
            }
            for (var i = 0; i < count; i++)
            {
                var name = NameFor(start + i);
                var title = $"{name}: {titleParts[random.Next(titleParts.Count)]}";
                var body = new StringBuilder($"We present {name}. ");
                var n = random.Next(4, 9);
                for (var s = 0; s < n; s++)
                {
                    body.Append(sentences[random.Next(sentences.Count)]).Append(' ');
                }
                if (daily)
                {
                    sb.Append(title).Append("\n\n").Append(body.ToString().TrimEnd()).Append("\n\n");
                }
                else
                {
                    sb.Append(title).Append(authors[random.Next(authors.Count)]).Append(", ").Append(authors[random.Next(authors.Count)])
                        .Append(" et al. · ").Append(random.Next(3) == 0 ? "pku" : "tsinghua").Append('\n')
                        .Append(body.ToString().TrimEnd()).Append('\n');
                }
            }
            var path = Path.Combine(directory, $"synthetic_{files:D5}.txt");
            File.WriteAllText(path, sb.ToString());
            bytes += sb.Length;
            files++;
        }
        return (files, bytes);
    }

    /// <summary>A pronounceable unique name per index ("Kaloru-17"), distinct for every paper.</summary>
    private static string NameFor(int index)
    {
        var sb = new StringBuilder();
        var n = index;
        for (var i = 0; i < 3; i++)
        {
            sb.Append(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        }
        sb[0] = char.ToUpperInvariant(sb[0]);
        return $"{sb}-{n}";
    }
}
