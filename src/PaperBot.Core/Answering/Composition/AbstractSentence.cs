using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// One sentence of an abstract as the composer sees it: its position, its roles, and the text to show, which is the
/// sentence made to stand alone or, when it points back, joined to the sentence before it (null when neither works).
/// </summary>
public sealed record AbstractSentence(int Index, string Raw, SentenceRole Roles, string? Display)
{
    public bool Is(SentenceRole role) => (Roles & role) != 0;

    /// <summary>
    /// The sentence's word stems, computed once: the composer scores the same sentences against every question, and
    /// <see cref="AbstractReader.Read"/> hands out the same sentences for an abstract it has read before. Kept with the
    /// text it was computed from, so a copy made with <c>with { Raw = … }</c> computes its own.
    /// </summary>
    public IReadOnlySet<string> Stems
    {
        get
        {
            if (_stems is { } cached && ReferenceEquals(cached.Raw, Raw))
            {
                return cached.Stems;
            }
            var stems = TermWeights.StemsOf(Raw);
            _stems = new StemsOfText(Raw, stems);
            return stems;
        }
    }

    private StemsOfText? _stems;

    private sealed record StemsOfText(string Raw, IReadOnlySet<string> Stems);
}
