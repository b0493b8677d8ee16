using System.Text;
using System.Text.RegularExpressions;
using PaperBot.Core.Answering;

namespace PaperBot.Core.Llm;

/// <summary>
/// Checks a model's reply sentence by sentence as it arrives, so a streamed answer shows only checked sentences:
/// <c>[n]</c> markers that name no supplied evidence are removed, the rest renumbered in order of first use;
/// sentinels from the prompt are recognised; sentences that repeat the instructions are dropped; the length is
/// bounded. <see cref="Complete"/> gives the verdict.
/// </summary>
public sealed class ModelReplyChecker
{
    /// <summary>The prompt's reply for "the evidence does not answer this" (prompts/answer/skprompt.txt).</summary>
    public const string NoAnswerSentinel = "NO_ANSWER_IN_EVIDENCE";

    /// <summary>The prompt's marker for "only the full papers could settle this".</summary>
    public const string FullTextSentinel = "FULL_TEXT_NEEDED";

    // Runs of this many words shared with the instructions mean the model is quoting them: shorter runs ("the papers
    // in the reading list") occur in honest answers too.
    private const int ShingleLength = 7;

    private readonly int _evidenceCount;
    private readonly int _maxCharacters;
    private readonly HashSet<string> _instructionShingles;
    private readonly StringBuilder _buffer = new();
    private readonly List<AnswerSentence> _sentences = [];
    private readonly List<int> _cited = [];
    private int _characters;
    private int _removed;
    private bool _noAnswer;
    private bool _fullText;
    private bool _leaked;
    private bool _full;

    public ModelReplyChecker(int evidenceCount, string instructions, int maxCharacters)
    {
        _evidenceCount = evidenceCount;
        _maxCharacters = maxCharacters;
        _instructionShingles = Shingles(instructions);
    }

    /// <summary>Adds streamed text; returns the sentences it completed, checked and ready to show.</summary>
    public IReadOnlyList<AnswerSentence> Feed(string chunk)
    {
        _buffer.Append(chunk);
        var ready = new List<AnswerSentence>();
        while (true)
        {
            var text = _buffer.ToString().TrimStart();
            var match = SentenceEnd.Match(text);
            if (!match.Success)
            {
                _buffer.Clear().Append(text);
                break;
            }
            _buffer.Clear().Append(text[match.Length..]);
            if (Accept(match.Groups["s"].Value) is { } sentence)
            {
                ready.Add(sentence);
            }
        }
        return ready;
    }

    /// <summary>Ends the reply: checks what is left and says whether it may be shown.</summary>
    public (CheckedReply Reply, IReadOnlyList<AnswerSentence> Last) Complete()
    {
        var last = new List<AnswerSentence>();
        var rest = _buffer.ToString().Trim();
        _buffer.Clear();
        if (rest.Length > 0 && Accept(rest) is { } sentence)
        {
            last.Add(sentence);
        }
        var verdict = ReplyVerdict.Answered;
        string? problem = null;
        if (_leaked)
        {
            verdict = ReplyVerdict.Unusable;
            problem = "the model's reply repeated its instructions";
        }
        else if (_noAnswer || (_fullText && _sentences.Count == 0))
        {
            verdict = ReplyVerdict.NoAnswerInEvidence;
        }
        else if (_sentences.Count == 0)
        {
            verdict = ReplyVerdict.Unusable;
            problem = "the model's reply was empty";
        }
        else if (_cited.Count == 0)
        {
            verdict = ReplyVerdict.Unusable;
            problem = _removed > 0 ? "the model cited papers it was not given" : "the model's answer cited none of the papers";
        }
        return (new CheckedReply(verdict, _sentences, _cited, _fullText, _removed, problem), last);
    }

    private AnswerSentence? Accept(string raw)
    {
        var text = Markdown.Replace(raw, "").Trim();
        // Checked first: a reply quoting the instructions quotes their sentinels too.
        if (Shingles(text).Overlaps(_instructionShingles))
        {
            _leaked = true;
            return null;
        }
        if (text.Contains(NoAnswerSentinel, StringComparison.Ordinal))
        {
            _noAnswer = true;
            return null;
        }
        if (text.Contains(FullTextSentinel, StringComparison.Ordinal))
        {
            _fullText = true;
            text = text.Replace(FullTextSentinel, "", StringComparison.Ordinal).Trim();
        }
        if (_full || _noAnswer || text.Length == 0)
        {
            return null;
        }
        var citations = new List<int>();
        foreach (Match marker in CitationMarker.Matches(text))
        {
            foreach (var part in marker.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= _evidenceCount)
                {
                    if (!_cited.Contains(n))
                    {
                        _cited.Add(n);
                    }
                    var renumbered = _cited.IndexOf(n) + 1;
                    if (!citations.Contains(renumbered))
                    {
                        citations.Add(renumbered);
                    }
                }
                else
                {
                    _removed++;
                }
            }
        }
        text = SpaceBeforePunctuation.Replace(CitationMarker.Replace(text, ""), "$1");
        text = MultipleSpaces.Replace(text, " ").Trim();
        if (!text.Any(char.IsLetterOrDigit))
        {
            return null;
        }
        if (_characters + text.Length > _maxCharacters && _sentences.Count > 0)
        {
            _full = true;
            return null;
        }
        _characters += text.Length + 1;
        var sentence = new AnswerSentence(text, citations);
        _sentences.Add(sentence);
        return sentence;
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = Words.Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + ShingleLength <= words.Count; i++)
        {
            shingles.Add(string.Join(' ', words.Skip(i).Take(ShingleLength)));
        }
        return shingles;
    }

    // A sentence ends at . ! or ? (plus any citation markers right after it) once the next sentence has begun, or at a line break.
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex SentenceEnd => field ??= new(@"^(?<s>.*?(?:[.!?](?:\s*\[\s*\d+(?:\s*,\s*\d+)*\s*\])*(?=\s+[^\s\[])|(?=\n)))\s+", RegexOptions.Singleline);

    private static Regex CitationMarker => field ??= new(@"\[\s*(\d+(?:\s*,\s*\d+)*)\s*\]");

    private static Regex Markdown => field ??= new(@"^\s*(?:[-*•]|\d+[.)])\s+|\*\*|__|^#+\s*");

    private static Regex SpaceBeforePunctuation => field ??= new(@"\s+([.,;:!?])");

    private static Regex MultipleSpaces => field ??= new(@"\s{2,}");

    private static Regex Words => field ??= new(@"[\p{L}\p{N}_]+");
}
