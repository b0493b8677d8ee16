namespace PaperBot.Tests.Support;

/// <summary>Finds the repository (the folder holding PaperBot.sln) from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "corpus");

    public static string CorpusFile(string prefix) =>
        Directory.EnumerateFiles(Corpus).Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PaperBot.sln not found above " + AppContext.BaseDirectory);
    }
}
