using PaperBot.Core.Storage;

namespace PaperBot.Host.Evaluation;

/// <summary>
/// Turns gold titles into paper ids. Titles compare by letters and digits only, so punctuation and case in a
/// question file do not matter; "UNTITLED:" gold compares the opening of the abstract the same way.
/// </summary>
public sealed class GoldResolver
{
    private readonly Dictionary<string, string> _idByTitle = new(StringComparer.Ordinal);
    private readonly List<(string Opening, string Id)> _untitled = [];

    public GoldResolver(IEnumerable<(string Id, string Title, bool TitleDerived, string Abstract)> papers)
    {
        foreach (var (id, title, derived, abstractText) in papers)
        {
            if (!derived)
            {
                _idByTitle.TryAdd(Key(title), id);
            }
            _untitled.Add((Key(abstractText.Length > 200 ? abstractText[..200] : abstractText), id));
        }
    }

    public static GoldResolver FromStore(PaperStore store) => new(store.TitleIndex());

    /// <summary>The id of the paper a gold entry names, or null when the database has no such paper.</summary>
    public string? Resolve(string gold)
    {
        if (gold.StartsWith(EvalQuestion.UntitledPrefix, StringComparison.Ordinal))
        {
            var opening = Key(gold[EvalQuestion.UntitledPrefix.Length..]);
            return opening.Length == 0 ? null : _untitled.FirstOrDefault(u => u.Opening.StartsWith(opening, StringComparison.Ordinal)).Id;
        }
        return _idByTitle.GetValueOrDefault(Key(gold));
    }

    private static string Key(string text) => string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
