using PaperBot.Core.Papers;

namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// An answer being put together: sentences with their papers, numbered in order of first citation, near-duplicate
/// sentences merged into one that cites every paper saying it, and a character budget that is kept by leaving papers
/// out, never by cutting a sentence.
/// </summary>
internal sealed class AnswerDraft(int maxCharacters)
{
    private readonly List<(string Text, List<Paper> Papers)> _sentences = [];
    private readonly List<Paper> _papers = [];
    private int _characters;

    public int Characters => _characters;

    public IReadOnlyList<Paper> Papers => _papers;

    public bool Fits(int characters) => _characters + characters <= maxCharacters;

    /// <summary>Adds a sentence citing <paramref name="papers"/> (none for a lead-in); false when it would pass the budget.</summary>
    public bool Add(string text, IReadOnlyList<Paper> papers, bool force = false)
    {
        for (var i = 0; i < _sentences.Count; i++)
        {
            if (papers.Count > 0 && _sentences[i].Papers.Count > 0 && SentenceHygiene.NearDuplicate(_sentences[i].Text, text))
            {
                foreach (var p in papers.Where(p => !_sentences[i].Papers.Any(q => q.Id == p.Id)))
                {
                    _sentences[i].Papers.Add(p);
                    Cite(p);
                }
                return true;
            }
        }
        if (!force && !Fits(text.Length + 4))
        {
            return false;
        }
        _sentences.Add((text, papers.ToList()));
        _characters += text.Length + 4 * Math.Max(1, papers.Count);
        foreach (var p in papers)
        {
            Cite(p);
        }
        return true;
    }

    public bool Has(string text) => _sentences.Any(s => s.Text == text);

    /// <summary>The sentences added so far, in order.</summary>
    public IEnumerable<string> Texts => _sentences.Select(s => s.Text);

    /// <summary>The sentence added last, which the next one follows directly when shown.</summary>
    public string? Last => _sentences.Count > 0 ? _sentences[^1].Text : null;

    /// <summary>True when a cited sentence already says nearly what <paramref name="text"/> says.</summary>
    public bool NearDuplicateOf(string text) => _sentences.Any(s => s.Papers.Count > 0 && SentenceHygiene.NearDuplicate(s.Text, text));

    private void Cite(Paper paper)
    {
        if (!_papers.Any(p => p.Id == paper.Id))
        {
            _papers.Add(paper);
        }
    }

    public (IReadOnlyList<AnswerSentence> Sentences, IReadOnlyList<Citation> Citations) Build()
    {
        var number = _papers.Select((p, i) => (p.Id, N: i + 1)).ToDictionary(x => x.Id, x => x.N, StringComparer.Ordinal);
        var sentences = _sentences
            .Select(s => new AnswerSentence(s.Text, s.Papers.Select(p => number[p.Id]).Distinct().Order().ToList()))
            .ToList();
        var citations = Citation.Numbered(_papers);
        return (sentences, citations);
    }
}
