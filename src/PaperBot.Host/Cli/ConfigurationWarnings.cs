using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using PaperBot.Core.Text;

namespace PaperBot.Host.Cli;

/// <summary>
/// Settings in PaperBot's own sections that no options class reads: <c>Answering__MinCoveerage=0.5</c> would otherwise be
/// ignored without a word, and the default used. Each gives one line naming the key and, where one is close, the key
/// that was probably meant. The sections are found from the options classes themselves (their <c>SectionName</c>), so
/// a new options class is checked without being listed here.
/// </summary>
public static class ConfigurationWarnings
{
    private static readonly Lazy<Dictionary<string, List<Type>>> Sections = new(FindSections);

    public static IReadOnlyList<string> Find(IConfiguration configuration)
    {
        var warnings = new List<string>();
        foreach (var (section, types) in Sections.Value.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Check(configuration.GetSection(section), types, warnings);
        }
        return warnings;
    }

    /// <summary>Writes the warnings, one line each, to <paramref name="error"/> (standard error).</summary>
    public static void Report(IConfiguration configuration, TextWriter error)
    {
        foreach (var warning in Find(configuration))
        {
            error.WriteLine(warning);
        }
    }

    private static void Check(IConfigurationSection section, IReadOnlyList<Type> types, List<string> warnings)
    {
        var properties = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.CanWrite || IsBindableCollection(p.PropertyType))
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                if (IsNestedOptions(property.PropertyType))
                {
                    Check(child, [property.PropertyType], warnings);
                }
                continue;
            }
            var slips = Math.Max(2, child.Key.Length / 4);
            var closest = properties.Keys.Select(k => (Key: k, Distance: EditDistance.Bounded(k.ToLowerInvariant(), child.Key.ToLowerInvariant(), slips)))
                .Where(c => c.Distance <= slips)
                .OrderBy(c => c.Distance).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Key).FirstOrDefault();
            var parent = section.Path;
            warnings.Add(closest is null
                ? $"Configuration warning: {child.Path} is not a setting PaperBot reads, and is ignored ({parent} has {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))})."
                : $"Configuration warning: {child.Path} is not a setting PaperBot reads, and is ignored; did you mean {parent}:{closest}?");
        }
    }

    private static bool IsNestedOptions(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) &&
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.CanWrite);

    private static bool IsBindableCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static Dictionary<string, List<Type>> FindSections()
    {
        var sections = new Dictionary<string, List<Type>>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in new[] { typeof(Core.Storage.StorageOptions).Assembly, typeof(ConfigurationWarnings).Assembly })
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field &&
                    field.GetRawConstantValue() is string name && name.Length > 0 && !name.Contains(':', StringComparison.Ordinal))
                {
                    if (!sections.TryGetValue(name, out var list))
                    {
                        sections[name] = list = [];
                    }
                    list.Add(type);
                }
            }
        }
        return sections;
    }
}
