using System.Text.RegularExpressions;

namespace PaperBot.Core.Ingest;

/// <summary>Finds http(s) links in abstract text, including LaTeX <c>\url{...}</c>, without trailing punctuation.</summary>
public static partial class LinkExtractor
{
    private static readonly string[] CodeHosts = ["github.com", "gitlab.com", "bitbucket.org", "huggingface.co", "github.io"];

    public static IReadOnlyList<string> Extract(string text)
    {
        var links = new List<string>();
        foreach (Match m in UrlPattern().Matches(text))
        {
            var url = m.Value.TrimEnd('.', ',', ';', ':', ')', ']', '}', '\'', '"');
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                continue;
            }
            // A bare code-host address ("https://github.com/") points nowhere useful.
            if (uri.AbsolutePath.Length <= 1 && (uri.Host is "github.com" or "huggingface.co" or "gitlab.com"))
            {
                continue;
            }
            if (!links.Contains(url, StringComparer.Ordinal))
            {
                links.Add(url);
            }
        }
        return links;
    }

    /// <summary>True when the text points at released code: a code-host link or an explicit statement.</summary>
    public static bool MentionsCode(string text, IReadOnlyList<string> links)
    {
        foreach (var link in links)
        {
            if (Uri.TryCreate(link, UriKind.Absolute, out var uri) &&
                CodeHosts.Any(h => uri.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return CodeStatement().IsMatch(text);
    }

    [GeneratedRegex(@"https?://[^\s{}<>\\]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\b(code|implementation|source code)\b[^.]{0,40}\b(is|are|will be|has been)\s+(publicly\s+)?(available|released|open[- ]sourced)", RegexOptions.IgnoreCase)]
    private static partial Regex CodeStatement();
}
