using System.Security.Cryptography;
using System.Text;

namespace PaperBot.Core.Ingest;

/// <summary>A listing file read from disk and checked to be UTF-8 text.</summary>
public sealed record ListingFile(string Name, string FullPath, string Text, string Sha256)
{
    /// <summary>
    /// Expands files and folders (recursively, sorted) into listing files with their identity: the path under
    /// <paramref name="root"/> ('/'-separated), the full path for a file outside it, or, given a source name, that name
    /// (a folder's files as <c>NAME/relative path</c>).
    /// </summary>
    public static IEnumerable<(string Name, string FullPath)> Expand(string path, string root, string? sourceName = null)
    {
        if (Directory.Exists(path))
        {
            var folder = Path.GetFullPath(path);
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
            foreach (var file in Directory.EnumerateFiles(folder, "*", options)
                         .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
                         .Order(StringComparer.Ordinal))
            {
                yield return (sourceName is null ? NameUnder(root, file) : sourceName + "/" + Slashed(Path.GetRelativePath(folder, file)), file);
            }
        }
        else
        {
            var full = Path.GetFullPath(path);
            yield return (sourceName ?? NameUnder(root, full), full);
        }
    }

    /// <summary>The path relative to the root when it lies under it, else the full path; '/'-separated either way.</summary>
    public static string NameUnder(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return Slashed(outside ? fullPath : relative);
    }

    private static string Slashed(string path) => path.Replace('\\', '/');

    /// <summary>
    /// Reads and checks one file; on failure returns the reason a person should see. Only regular files are read (a
    /// named pipe would block the read until something writes to it, a device never ends), at most
    /// <paramref name="maxBytes"/> of them, and control characters are stripped from the text.
    /// </summary>
    public static ListingFile? TryRead(string name, string fullPath, long maxBytes, out string? error)
    {
        error = null;
        var kind = FileKind.Of(fullPath);
        if (kind == FileKind.Kind.Missing)
        {
            error = "file not found";
            return null;
        }
        if (kind != FileKind.Kind.Regular)
        {
            error = $"not read: it is {FileKind.Describe(kind)}, and only regular files are ingested";
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = ReadCapped(fullPath, maxBytes, out var tooLarge);
            if (tooLarge)
            {
                error = $"not read: the file is larger than {Size(maxBytes)} (the limit is Ingest:MaxFileBytes)";
                return null;
            }
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
        return new ListingFile(name, fullPath, PaperBot.Core.Text.ControlCharacters.StripFromListing(text), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>
    /// Reads up to <paramref name="maxBytes"/>, trusting no reported length: files in /proc report 0 and a file can grow
    /// while it is read. One byte more than the cap means the file is too large.
    /// </summary>
    private static byte[] ReadCapped(string path, long maxBytes, out bool tooLarge)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            tooLarge = true;
            return [];
        }
        var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length + 1, maxBytes + 1) : 64 * 1024);
        var chunk = new byte[64 * 1024];
        tooLarge = false;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                tooLarge = true;
                return [];
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Size(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";
}
