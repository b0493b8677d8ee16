using System.Text.RegularExpressions;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// The arXiv computer-science categories a listing card may give ("CL", stored without "cs."), with their names, so a
/// question can ask for them either way: "filed under cs.CL", "listed as computation and language". The table is
/// arXiv's published taxonomy, not a list of what the corpus holds: a category no listing has is answered with "none".
/// </summary>
public static partial class ArxivCategory
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AI"] = "Artificial Intelligence", ["AR"] = "Hardware Architecture", ["CC"] = "Computational Complexity",
        ["CE"] = "Computational Engineering, Finance, and Science", ["CG"] = "Computational Geometry",
        ["CL"] = "Computation and Language", ["CR"] = "Cryptography and Security",
        ["CV"] = "Computer Vision and Pattern Recognition", ["CY"] = "Computers and Society", ["DB"] = "Databases",
        ["DC"] = "Distributed, Parallel, and Cluster Computing", ["DL"] = "Digital Libraries", ["DM"] = "Discrete Mathematics",
        ["DS"] = "Data Structures and Algorithms", ["ET"] = "Emerging Technologies", ["FL"] = "Formal Languages and Automata Theory",
        ["GL"] = "General Literature", ["GR"] = "Graphics", ["GT"] = "Computer Science and Game Theory",
        ["HC"] = "Human-Computer Interaction", ["IR"] = "Information Retrieval", ["IT"] = "Information Theory",
        ["LG"] = "Machine Learning", ["LO"] = "Logic in Computer Science", ["MA"] = "Multiagent Systems", ["MM"] = "Multimedia",
        ["MS"] = "Mathematical Software", ["NA"] = "Numerical Analysis", ["NE"] = "Neural and Evolutionary Computing",
        ["NI"] = "Networking and Internet Architecture", ["OH"] = "Other Computer Science", ["OS"] = "Operating Systems",
        ["PF"] = "Performance", ["PL"] = "Programming Languages", ["RO"] = "Robotics", ["SC"] = "Symbolic Computation",
        ["SD"] = "Sound", ["SE"] = "Software Engineering", ["SI"] = "Social and Information Networks", ["SY"] = "Systems and Control",
    };

    /// <summary>"cs.CL (Computation and Language)"; a code outside the table as written.</summary>
    public static string Describe(string code) =>
        Names.TryGetValue(code, out var name) ? $"cs.{code.ToUpperInvariant()} ({name})" : code;

    /// <summary>
    /// The category a question asks for, as stored ("CL"), and the text that asks for it (so its words are no topic).
    /// A code written "cs.XX" is always a category; a bare code or a category's name only next to a word that says so
    /// ("category", "filed under", "listed as", "classified as"), since "artificial intelligence" or "robotics" alone is
    /// a topic.
    /// </summary>
    public static (string Code, string Text)? In(string question)
    {
        if (DottedCode().Match(question) is { Success: true } dotted && Names.ContainsKey(dotted.Groups["code"].Value))
        {
            var framed = Cued().Match(question);
            var text = framed.Success && framed.Index <= dotted.Index && framed.Index + framed.Length >= dotted.Index + dotted.Length ? framed.Value : dotted.Value;
            // "in the cs.AI category": the word after the code says what it is, and is no topic.
            if (CategoryAfter().Match(question[(dotted.Index + dotted.Length)..]) is { Success: true } after)
            {
                text += after.Value;
            }
            return (dotted.Groups["code"].Value.ToUpperInvariant(), text);
        }
        foreach (var m in Cued().Matches(question).Concat(Suffixed().Matches(question)))
        {
            // The words next to the cue may hold more than the name ("papers in the artificial intelligence category"):
            // the longest run of them that is a category's name is the one asked for. A bare code counts only in capitals
            // ("in category AI"), since "it", "as" or "os" are also words.
            var words = m.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var length = words.Length; length >= 1; length--)
            {
                for (var start = 0; start + length <= words.Length; start++)
                {
                    var span = string.Join(' ', words[start..(start + length)]);
                    if (length == 1 && span.Length == 2 && span.All(char.IsUpper) && Names.ContainsKey(span))
                    {
                        return (span, m.Value);
                    }
                    var folded = Fold(span);
                    if (Names.FirstOrDefault(n => Fold(n.Value) == folded) is { Key: not null } named)
                    {
                        return (named.Key, m.Value);
                    }
                }
            }
        }
        return null;
    }

    private static string Fold(string name) =>
        Regex.Replace(name.ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal), @"[^a-z]+", " ").Trim();

    [GeneratedRegex(@"\bcs\s?\.\s?(?<code>[A-Za-z]{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DottedCode();

    [GeneratedRegex(@"^\s+(?:arxiv\s+)?categor(?:y|ies)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CategoryAfter();

    // "filed under X", "in (the) category X", "listed as X": X a code or a name of up to six words, with "category" after
    // it or not.
    [GeneratedRegex(@"\b(?:(?:filed|listed|classified|categori[sz]ed|tagged)\s+(?:as|under|in)|(?:arxiv\s+)?categor(?:y|ies)(?:\s+(?:of|is|was))?\s*:?)\s+(?:the\s+)?(?:cs\s?\.\s?)?(?<name>[A-Za-z][A-Za-z,&\-]*(?:\s+[A-Za-z][A-Za-z,&\-]*){0,5}?)(?:\s+(?:arxiv\s+)?categor(?:y|ies))?(?=\s*(?:[?.!,;]|$|\s+(?:papers?|preprints?|with|from|in|on|by|that|and\s+(?:from|with|have|has))\b))", RegexOptions.IgnoreCase)]
    private static partial Regex Cued();

    // "the artificial intelligence category": the words before "category" (the longest run of them that is a name is taken).
    [GeneratedRegex(@"(?<name>[A-Za-z][A-Za-z,&\-]*(?:\s+[A-Za-z][A-Za-z,&\-]*){0,5})\s+(?:arxiv\s+)?categor(?:y|ies)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Suffixed();
}
