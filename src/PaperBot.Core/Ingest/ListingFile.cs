using System.Security.Cryptography;
using System.Text;

namespace PaperBot.Core.Ingest;

/// <summary>A listing file read from disk and checked to be UTF-8 text.</summary>
public sealed record ListingFile(string Name, string FullPath, string Text, string Sha256)
{
    /// <summary>Listings are web pages saved as text; anything larger is almost certainly a mistake.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    /// <summary>Expands files and folders (recursively, sorted) into listing files named relative to what was given.</summary>
    public static IEnumerable<(string Name, string FullPath)> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            var root = Path.GetFullPath(path);
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                         .Where(f => !Path.GetFileName(f).StartsWith('.'))
                         .Order(StringComparer.Ordinal))
            {
                yield return (Path.GetRelativePath(root, file).Replace('\\', '/'), file);
            }
        }
        else
        {
            yield return (Path.GetFileName(path), Path.GetFullPath(path));
        }
    }

    /// <summary>Reads and checks one file; on failure returns the reason a person should see.</summary>
    public static ListingFile? TryRead(string name, string fullPath, out string? error)
    {
        error = null;
        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists)
            {
                error = "file not found";
                return null;
            }
            if (info.Length > MaxBytes)
            {
                error = $"file is {info.Length / (1024 * 1024)} MiB; listings larger than {MaxBytes / (1024 * 1024)} MiB are refused";
                return null;
            }
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the file: {e.Message}";
            return null;
        }
        if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 64 * 1024)) >= 0)
        {
            error = "not a text listing (it contains binary data)";
            return null;
        }
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            error = "not a text listing (it is not valid UTF-8)";
            return null;
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        return new ListingFile(name, fullPath, text, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
