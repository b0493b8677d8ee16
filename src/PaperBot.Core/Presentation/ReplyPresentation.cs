using PaperBot.Core.Answering;
using PaperBot.Core.Chat;

namespace PaperBot.Core.Presentation;

/// <summary>
/// What one reply shows, channel-neutral: a heading, the body as blocks (prose, a paper list, a comparison, one
/// paper in full), the numbered sources not already shown by a block, a footer and the actions offered on papers.
/// Discord embeds, Teams cards and the terminal all draw this one model; none flattens it to text first.
/// </summary>
public sealed record ReplyPresentation
{
    public required ReplyKind Kind { get; init; }
    public string? Heading { get; init; }
    public IReadOnlyList<ReplyBlock> Blocks { get; init; } = [];
    /// <summary>Every numbered source the reply's [n] marks refer to.</summary>
    public IReadOnlyList<Citation> Sources { get; init; } = [];
    /// <summary>What the reply rests on, or a one-line note.</summary>
    public string? Footer { get; init; }
    /// <summary>Buttons, grouped by paper in reply order: each paper's actions are adjacent.</summary>
    public IReadOnlyList<PaperAction> Actions { get; init; } = [];

    /// <summary>The sources a "Sources" section must still list: those no list item or comparison column shows.</summary>
    public IReadOnlyList<Citation> UnlistedSources
    {
        get
        {
            var shown = ShownPaperIds();
            return Sources.Where(c => !shown.Contains(c.Id)).ToList();
        }
    }

    /// <summary>The papers offered actions, in order, each with its actions.</summary>
    public IReadOnlyList<IGrouping<string, PaperAction>> ActionsByPaper =>
        Actions.GroupBy(a => a.PaperId, StringComparer.Ordinal).ToList();

    private HashSet<string> ShownPaperIds()
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case PaperListBlock list:
                    shown.UnionWith(list.Items.Select(i => i.PaperId));
                    break;
                case ComparisonBlock comparison:
                    shown.Add(comparison.Left.PaperId);
                    shown.Add(comparison.Right.PaperId);
                    break;
                case PaperDetailsBlock details:
                    shown.Add(details.PaperId);
                    break;
            }
        }
        return shown;
    }
}
