namespace PaperBot.Tests.Discord;

/// <summary>Tests that set process-wide environment variables run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;
