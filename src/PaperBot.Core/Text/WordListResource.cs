namespace PaperBot.Core.Text;

/// <summary>A word list shipped inside PaperBot.Core: one word a line, lines starting with '#' are its header.</summary>
internal static class WordListResource
{
    public static HashSet<string> Load(string resourceName)
    {
        using var stream = typeof(WordListResource).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The {resourceName} resource is missing from PaperBot.Core.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
            }
        }
        return words;
    }
}
