namespace PaperBot.Core.Llm;

/// <summary>The provider names <c>Llm:Provider</c> accepts.</summary>
public static class LlmProviders
{
    public const string None = "none";
    public const string OpenAI = "openai";
    public const string AzureOpenAI = "azure-openai";
    public const string OpenAICompatible = "openai-compatible";

    public static IReadOnlyList<string> All { get; } = [None, OpenAI, AzureOpenAI, OpenAICompatible];
}
