namespace PaperBot.Core.Answering.Composition;

/// <summary>What an abstract sentence does, read from its wording.</summary>
[Flags]
public enum SentenceRole
{
    None = 0,
    /// <summary>"we propose / introduce / present …": what the paper contributes.</summary>
    Contribution = 1,
    /// <summary>"we show / find …", "results show …", "achieves …", figures: what the paper found.</summary>
    Result = 2,
    /// <summary>How the contribution works: stages, components, "by …", "we train …".</summary>
    Method = 4,
    /// <summary>The field's setting or a definition ("X aims to…", "X has become…").</summary>
    Background = 8,
    /// <summary>Only a link ("Codes: https://…"): a link, never a finding.</summary>
    LinkOnly = 16,
    /// <summary>Carries a figure (a percentage, a count, a speed-up).</summary>
    Number = 32,
}
