namespace PaperBot.Core.Retrieval;

/// <summary>An acronym and the long form a text defines it with: ("DPO", "Direct Preference Optimization").</summary>
public sealed record Acronym(string Abbreviation, string LongForm)
{
    /// <summary>The acronym as stored and looked up: lower-case letters and digits ("dpo", "lora").</summary>
    public string ShortKey => Key(Abbreviation);

    /// <summary>The long form's words, lower-case, space-separated ("direct preference optimization").</summary>
    public string LongKey => string.Join(' ', Text.Tokenizer.Words(LongForm));

    public static string Key(string text) => string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
