namespace PaperBot.Core.Retrieval;

/// <summary>
/// The thing a question is about, one word as written ("AlphaCode", "toolformer", "wav2vec", "Math-Shepherd"), taken
/// from where questions put their subject (<see cref="NamedTerms.Subjects"/>). <see cref="WrittenAsName"/>: its
/// spelling marks a name (an inner capital, digits, an acronym, a capital that does not open the sentence), so an
/// ordinary word it also spells ("Whisper", "Flamingo") is not what is meant.
/// </summary>
public sealed record QuestionSubject(string Written, bool WrittenAsName)
{
    /// <summary>No article or other determiner before it ("how does whisper …", "hyena's …", not "how does the whisper
    /// …"): a countable noun in the singular written so is a name (<see cref="Text.OrdinaryWords.IsCountableSingular"/>).</summary>
    public bool Bare { get; init; }
}
