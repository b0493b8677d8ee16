using Microsoft.Extensions.Options;
using PaperBot.Core.Conversations;
using PaperBot.Core.Llm;
using PaperBot.Core.Papers;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Llm;

/// <summary>The prompt folders ship beside the executable and declare exactly the variables the code supplies.</summary>
public sealed class PromptContractTests
{
    private static readonly Paper SamplePaper = new() { Id = "abc123", Title = "A Paper", Abstract = "It does things." };

    public static TheoryData<string> PromptNames() => [.. PromptLibrary.Names];

    [Theory]
    [MemberData(nameof(PromptNames))]
    public void Each_prompts_declared_inputs_are_the_arguments_the_code_supplies(string name)
    {
        var library = new PromptLibrary(Options.Create(new LlmOptions()));
        var supplied = name switch
        {
            PromptLibrary.Answer => new AnswerPromptInput("q", [SamplePaper]).ToArguments(),
            PromptLibrary.RewriteFollowUp => new RewritePromptInput(
                [new ConversationTurn("c", DateTimeOffset.UnixEpoch, "q", "q", "a", [new CitedPaper("abc123", "A Paper")])], "and it?").ToArguments(),
            PromptLibrary.SummarizePaper => new SummarizePaperPromptInput(SamplePaper).ToArguments(),
            PromptLibrary.SummarizeDigest => new SummarizeDigestPromptInput("today", [SamplePaper]).ToArguments(),
            PromptLibrary.ReadQuestion => new ReadQuestionPromptInput("who wrote StableMoE?").ToArguments(),
            _ => throw new InvalidOperationException("A prompt without a test: " + name),
        };

        Assert.Equal(supplied.Names.Order(StringComparer.Ordinal), library.DeclaredInputs(name).Order(StringComparer.Ordinal));
        var template = File.ReadAllText(Path.Combine(library.Directory, name, "skprompt.txt"));
        Assert.All(supplied.Names, n => Assert.Contains("{{$" + n + "}}", template, StringComparison.Ordinal));
    }

    [Fact]
    public void The_prompts_are_found_beside_the_executable_and_match_the_repository()
    {
        var library = new PromptLibrary(Options.Create(new LlmOptions()));

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "prompts"), library.Directory);
        foreach (var name in PromptLibrary.Names)
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(RepositoryPaths.Root, "prompts", name, "skprompt.txt")),
                File.ReadAllText(Path.Combine(library.Directory, name, "skprompt.txt")));
        }
    }

    [Fact]
    public void A_missing_prompt_folder_is_a_clear_error()
    {
        var empty = Directory.CreateTempSubdirectory("paperbot-no-prompts-").FullName;

        var error = Assert.Throws<InvalidOperationException>(() => new PromptLibrary(empty));

        Assert.Contains("answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("Llm:PromptsDirectory", error.Message, StringComparison.Ordinal);
    }
}
