namespace PaperBot.Core.Retrieval;

/// <summary>
/// An abbreviation in capitals that no paper writes ("FAQ", "MCQs"), with what says it is ordinary vocabulary rather
/// than a name the corpus lacks: English writes it (<see cref="Text.EverydayAbbreviations"/>), or the papers write out a
/// phrase it abbreviates ("multiple-choice questions" for MCQ).
/// </summary>
/// <param name="Name">The name as <see cref="SearchResult.UnknownNames"/> holds it (lower case).</param>
/// <param name="Written">As the question writes it.</param>
/// <param name="Everyday">In the list of everyday abbreviations.</param>
/// <param name="Expansion">The phrase whose words' initials spell it that the most papers write, lower case; null when none does.</param>
/// <param name="ExpansionPapers">How many papers write <paramref name="Expansion"/>.</param>
public sealed record AbbreviationUse(string Name, string Written, bool Everyday, string? Expansion, int ExpansionPapers);
