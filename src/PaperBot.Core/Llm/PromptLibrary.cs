using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace PaperBot.Core.Llm;

/// <summary>
/// The Semantic Kernel prompt folders under <c>prompts/</c> (copied beside the executable): one function per folder,
/// <c>skprompt.txt</c> plus <c>config.json</c>. Prompts are files, never C# strings.
/// </summary>
public sealed partial class PromptLibrary
{
    public const string PluginName = "paperbot";
    public const string Answer = "answer";
    public const string RewriteFollowUp = "rewrite_followup";
    public const string SummarizePaper = "summarize_paper";
    public const string SummarizeDigest = "summarize_digest";
    public const string ReadQuestion = "read_question";

    public static IReadOnlyList<string> Names { get; } = [Answer, RewriteFollowUp, SummarizePaper, SummarizeDigest, ReadQuestion];

    public PromptLibrary(IOptions<LlmOptions> options)
        : this(Resolve(options.Value.PromptsDirectory))
    {
    }

    public PromptLibrary(string directory)
    {
        Directory = directory;
        var missing = MissingPrompts(directory);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The prompt folder {directory} lacks {string.Join(", ", missing)} (each needs skprompt.txt and config.json). Set Llm:PromptsDirectory.");
        }
        Plugin = KernelPluginFactory.CreateFromFunctions(PluginName, Names.Select(Load));
        _systemTexts = Names.ToDictionary(n => n, n =>
        {
            var match = SystemMessage().Match(File.ReadAllText(Path.Combine(directory, n, "skprompt.txt")));
            return match.Success ? match.Groups[1].Value.Trim() : "";
        });
    }

    private readonly Dictionary<string, string> _systemTexts;

    public string Directory { get; }

    public KernelPlugin Plugin { get; }

    public KernelFunction this[string name] => Plugin[name];

    /// <summary>The variables a prompt's config.json declares, for checking them against what the code supplies.</summary>
    public IReadOnlyList<string> DeclaredInputs(string name) =>
        Plugin[name].Metadata.Parameters.Select(p => p.Name).ToList();

    /// <summary>The system message of a prompt, so a reply that repeats it can be caught.</summary>
    public string SystemText(string name) => _systemTexts[name];

    /// <summary>The prompt folders that lack skprompt.txt or config.json in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> MissingPrompts(string directory) =>
        Names.Where(n => !File.Exists(Path.Combine(directory, n, "skprompt.txt")) || !File.Exists(Path.Combine(directory, n, "config.json"))).ToList();

    /// <summary>Relative paths resolve against the executable's folder, where the build copies prompts/.</summary>
    public static string Resolve(string directory) =>
        Path.IsPathRooted(directory) ? directory : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, directory));

    private KernelFunction Load(string name)
    {
        var folder = Path.Combine(Directory, name);
        var config = PromptTemplateConfig.FromJson(File.ReadAllText(Path.Combine(folder, "config.json")));
        config.Name = name;
        config.Template = File.ReadAllText(Path.Combine(folder, "skprompt.txt"));
        return KernelFunctionFactory.CreateFromPrompt(config);
    }

    [GeneratedRegex(@"<message role=""system"">(.*?)</message>", RegexOptions.Singleline)]
    private static partial Regex SystemMessage();
}
