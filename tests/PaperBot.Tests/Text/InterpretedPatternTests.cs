using System.Reflection;
using System.Text.RegularExpressions;
using PaperBot.Core.Answering;

namespace PaperBot.Tests.Text;

/// <summary>
/// The question-reading patterns are interpreted and built on first use (docs/contributing.md, "Regular expressions"),
/// so a pattern the regex parser refuses is no longer a build error: it would throw the first time a question reaches it.
/// These tests build every one of them, so a bad pattern fails here instead of in a user's chat.
/// </summary>
public sealed class InterpretedPatternTests
{
    private const BindingFlags Statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static TheoryData<string> PatternProperties()
    {
        var data = new TheoryData<string>();
        foreach (var (type, property) in Properties())
        {
            data.Add($"{type.FullName}.{property.Name}");
        }
        return data;
    }

    private static IEnumerable<(Type Type, PropertyInfo Property)> Properties() =>
        typeof(QuestionClassifier).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(Statics).Where(p => p.PropertyType == typeof(Regex)).Select(p => (t, p)))
            .OrderBy(x => x.t.FullName, StringComparer.Ordinal).ThenBy(x => x.p.Name, StringComparer.Ordinal);

    [Fact]
    public void The_question_readers_patterns_are_found()
    {
        // The classifier alone has dozens; far fewer would mean the search above stopped seeing them.
        Assert.True(Properties().Count(x => x.Type == typeof(QuestionClassifier)) >= 30);
        Assert.True(Properties().Count() >= 100);
    }

    [Theory]
    [MemberData(nameof(PatternProperties))]
    public void Every_pattern_builds_and_is_built_once(string name)
    {
        var (type, property) = Properties().Single(x => $"{x.Type.FullName}.{x.Property.Name}" == name);
        var first = (Regex?)property.GetValue(null);
        Assert.NotNull(first);
        Assert.Same(first, property.GetValue(null));
        // Every one of them runs on a question without throwing (a catastrophic pattern would time out or throw here).
        first.IsMatch("which papers by Li Dong from 2023 have code, and who wrote the LoRA paper?");
    }
}
