using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PaperBot.Core.Text;

/// <summary>
/// Turns the LaTeX and markup that listings copy from arXiv into display text: <c>T\"ULU</c> → TÜLU,
/// <c>\textbf{x}</c> → x, <c>$\neq$</c> → ≠, <c>77.9\%$\to$84.1\%</c> → 77.9%→84.1%, <c>**x**</c> → x, HTML entities decoded.
/// Applied at ingest to titles and abstracts; the listing files themselves (each paper's sources) keep the raw text.
/// </summary>
public static partial class MarkupNormalizer
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["to"] = "→", ["rightarrow"] = "→", ["leftarrow"] = "←", ["Rightarrow"] = "⇒", ["neq"] = "≠", ["ne"] = "≠",
        ["leq"] = "≤", ["le"] = "≤", ["geq"] = "≥", ["ge"] = "≥", ["approx"] = "≈", ["sim"] = "~", ["times"] = "×",
        ["cdot"] = "·", ["pm"] = "±", ["infty"] = "∞", ["in"] = "∈", ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ",
        ["delta"] = "δ", ["epsilon"] = "ε", ["theta"] = "θ", ["lambda"] = "λ", ["mu"] = "μ", ["pi"] = "π", ["sigma"] = "σ",
        ["tau"] = "τ", ["phi"] = "φ", ["omega"] = "ω", ["Delta"] = "Δ", ["Sigma"] = "Σ", ["ldots"] = "…", ["dots"] = "…",
        ["%"] = "%", ["&"] = "&", ["_"] = "_", ["#"] = "#", ["$"] = "$", ["{"] = "{", ["}"] = "}",
    };

    // Precomposed letters per accent command (composed by table: normalisation is unavailable under invariant globalisation).
    private static readonly Dictionary<char, (string From, string To)> Accents = new()
    {
        ['"'] = ("AEIOUYaeiouy", "ÄËÏÖÜŸäëïöüÿ"),
        ['\''] = ("AEIOUYCNSZaeiouycnsz", "ÁÉÍÓÚÝĆŃŚŹáéíóúýćńśź"),
        ['`'] = ("AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
        ['^'] = ("AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
        ['~'] = ("ANOano", "ÃÑÕãñõ"),
        ['='] = ("AEIOUaeiou", "ĀĒĪŌŪāēīōū"),
        ['.'] = ("ZIzE", "ŻİżĖ"),
        ['c'] = ("CScs", "ÇŞçş"),
        ['v'] = ("CSZRNEcszrne", "ČŠŽŘŇĚčšžřňě"),
        ['u'] = ("AGag", "ĂĞăğ"),
        ['H'] = ("OUou", "ŐŰőű"),
    };

    private static string Accented(char accent, string letter)
    {
        var (from, to) = Accents[accent];
        var i = from.IndexOf(letter[0], StringComparison.Ordinal);
        return i >= 0 ? to[i].ToString() : letter;
    }

    /// <summary>Display text for <paramref name="text"/>; text without markup comes back unchanged.</summary>
    public static string ForDisplay(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        if (text.IndexOfAny(['\\', '$', '*', '&', '{', '<', '~']) < 0)
        {
            return text;
        }
        var s = text;
        s = Accent().Replace(s, m => Accented(m.Groups["a"].Value[0], m.Groups["l"].Value));
        s = UrlGlued().Replace(s, " ");
        // \textbf{x}, \emph{x}, \url{x}, \mathrm{x} and the like keep their argument.
        for (var i = 0; i < 3; i++)
        {
            s = WrappingCommand().Replace(s, "${x}");
        }
        // Listings that lost the backslash ("texttt{D}ual-texttt{H}ead") keep the argument too.
        s = BareWrappingCommand().Replace(s, "${x}");
        s = FontSwitch().Replace(s, "${x}");
        s = InlineMathDelimiters().Replace(s, "${x}");
        // Symbols inside math first, so a command at the end of "$\neq$ NP" cannot swallow the space outside it.
        s = DollarMath().Replace(s, m => Symbol().Replace(m.Groups["x"].Value.Trim(), SymbolFor));
        s = Symbol().Replace(s, SymbolFor);
        s = Superscript().Replace(s, "^${x}");
        s = Subscript().Replace(s, "_${x}");
        s = Bold().Replace(s, "${x}");
        s = HtmlTag().Replace(s, "");
        s = s.Replace("``", "\u201C", StringComparison.Ordinal).Replace("''", "\u201D", StringComparison.Ordinal);
        s = Tie().Replace(s, " ");
        s = LooseBraces().Replace(s, "${x}");
        if (s.Contains('&', StringComparison.Ordinal))
        {
            s = WebUtility.HtmlDecode(s);
        }
        s = s.Replace('\u00A0', ' ');
        return Spaces().Replace(s, " ").Trim();
    }

    private static string SymbolFor(Match m) => Symbols.TryGetValue(m.Groups["c"].Value, out var symbol) ? symbol : m.Groups["c"].Value;

    /// <summary>True when display text still carries LaTeX or markup (for the answer-quality evaluation).</summary>
    public static bool HasLeak(string text) => Leak().IsMatch(text);

    // Punctuation accents take a bare or braced letter (\"U, \'{a}); letter accents only a braced one (\c{c}), so \cdot stays a command.
    [GeneratedRegex(@"\{?\\(?:(?<a>[""'`^~=.])\s*\{?(?<l>[A-Za-z])|(?<a>[cvuH])\{(?<l>[A-Za-z]))\}?\}?")]
    private static partial Regex Accent();

    [GeneratedRegex(@"(?<=[^\s(\[])(?=\\url\{)")]
    private static partial Regex UrlGlued();

    // LaTeX's non-breaking space between words ("models~(LLMs)"); a "~" before a number means "about" and stays.
    [GeneratedRegex(@"(?<=[A-Za-z.,])~(?=[A-Za-z(\\])")]
    private static partial Regex Tie();

    [GeneratedRegex(@"\\(?:text(?:bf|it|tt|sc|rm|sf|up|normal)?|emph|mathrm|mathbf|mathit|mathcal|mathbb|mathsf|mathtt|boldsymbol|operatorname|url|href\{[^}]*\}|underline|textsuperscript|textsubscript|mbox|hbox)\s*\{(?<x>[^{}]*)\}")]
    private static partial Regex WrappingCommand();

    [GeneratedRegex(@"\b(?:text(?:bf|it|tt|sc|rm|sf)|emph|mathrm|mathbf|mathcal)\{(?<x>[^{}]*)\}")]
    private static partial Regex BareWrappingCommand();

    [GeneratedRegex(@"\{\\(?:it|em|bf|tt|sc|rm|sf|small|large)\s+(?<x>[^{}]*)\}")]
    private static partial Regex FontSwitch();

    [GeneratedRegex(@"\\[(\[](?<x>.*?)\\[)\]]")]
    private static partial Regex InlineMathDelimiters();

    [GeneratedRegex(@"\$(?<x>[^$]{1,80})\$")]
    private static partial Regex DollarMath();

    // A letter command swallows the space after it, as in TeX ("\oni, a" → "oni,"); "\%" does not ("84.1\% on" → "84.1% on").
    [GeneratedRegex(@"\\(?:(?<c>[A-Za-z]+)\s?|(?<c>[%&_#${}]))")]
    private static partial Regex Symbol();

    [GeneratedRegex(@"\^\{(?<x>[^{}]*)\}")]
    private static partial Regex Superscript();

    [GeneratedRegex(@"_\{(?<x>[^{}]*)\}")]
    private static partial Regex Subscript();

    [GeneratedRegex(@"\*\*(?<x>[^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"</?(?:b|i|em|strong|sup|sub|br|p|span|code|tt)\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    // Braces left around a word or a symbol after the commands are gone: "LiPO-{λ}" → "LiPO-λ".
    [GeneratedRegex(@"\{(?<x>[^{}\s]{1,40})\}")]
    private static partial Regex LooseBraces();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\\[A-Za-z]{2,}|\\[""'`^~%&]|\$[^$\s][^$]{0,60}\$|\*\*\S|\{\\|&(?:amp|lt|gt|quot|#\d+);|</?(?:b|i|em|strong|sup|sub)>")]
    private static partial Regex Leak();
}
