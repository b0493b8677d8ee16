namespace PaperBot.Tests.Llm;

/// <summary>The folder holding PaperBot.sln, found by walking up from the test assembly.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Corpus => System.IO.Path.Combine(Path, "corpus");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "PaperBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PaperBot.sln not found above " + AppContext.BaseDirectory);
    }
}
