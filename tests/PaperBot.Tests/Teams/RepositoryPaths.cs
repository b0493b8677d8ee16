namespace PaperBot.Tests.Teams;

/// <summary>Finds the repository (the folder holding PaperBot.sln) from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "corpus");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PaperBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PaperBot.sln not found above " + AppContext.BaseDirectory);
    }
}
