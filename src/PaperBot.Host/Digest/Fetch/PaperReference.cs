using System.Text.RegularExpressions;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>
/// What <c>paperbot add</c> accepts: <c>arxiv:2401.01234</c>, a bare arXiv id, an arXiv abs or pdf URL (version
/// suffixes dropped), or a Hugging Face paper page URL. Old-style ids (<c>cs/0112017</c>) are accepted too.
/// </summary>
public sealed partial record PaperReference(string ArxivId, PaperReferenceSource Source)
{
    public static PaperReference? TryParse(string? text, out string? error)
    {
        error = null;
        var value = (text ?? "").Trim();
        if (value.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase))
        {
            return FromId(value["arxiv:".Length..], PaperReferenceSource.Arxiv, out error);
        }
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var path = uri.AbsolutePath.Trim('/');
            switch (uri.Host.ToLowerInvariant())
            {
                case "arxiv.org" or "www.arxiv.org" or "export.arxiv.org":
                    foreach (var prefix in new[] { "abs/", "pdf/", "html/" })
                    {
                        if (path.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            var id = path[prefix.Length..];
                            return FromId(id.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? id[..^4] : id, PaperReferenceSource.Arxiv, out error);
                        }
                    }
                    break;
                case "huggingface.co" or "www.huggingface.co" or "hf.co":
                    if (path.StartsWith("papers/", StringComparison.Ordinal))
                    {
                        return FromId(path["papers/".Length..], PaperReferenceSource.HuggingFace, out error);
                    }
                    break;
            }
            error = $"\"{value}\" is not an arXiv abs/pdf URL or a Hugging Face paper page (https://huggingface.co/papers/ID).";
            return null;
        }
        return FromId(value, PaperReferenceSource.Arxiv, out error);
    }

    private static PaperReference? FromId(string id, PaperReferenceSource source, out string? error)
    {
        id = VersionSuffix().Replace(id.Trim(), "");
        if (NewStyleId().IsMatch(id) || OldStyleId().IsMatch(id))
        {
            error = null;
            return new PaperReference(id, source);
        }
        error = $"\"{id}\" is not an arXiv id (like 2401.01234, or cs/0112017 for older papers).";
        return null;
    }

    [GeneratedRegex(@"v\d+$")]
    private static partial Regex VersionSuffix();

    [GeneratedRegex(@"^\d{4}\.\d{4,5}$")]
    private static partial Regex NewStyleId();

    [GeneratedRegex(@"^[a-z\-]+(\.[A-Z]{2})?/\d{7}$")]
    private static partial Regex OldStyleId();
}
