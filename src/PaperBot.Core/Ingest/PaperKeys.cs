using System.Security.Cryptography;
using System.Text;

namespace PaperBot.Core.Ingest;

/// <summary>The keys that decide when two listing records are the same paper, and the short ids people type.</summary>
public static class PaperKeys
{
    /// <summary>How much of an abstract identifies it; listings agree on the opening even when they differ later.</summary>
    private const int AbstractKeyLength = 160;

    // No 0/o, 1/l/i: ids are read aloud and typed on phones.
    private const string IdAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string TitleKey(string title) => "t:" + Normalise(title, int.MaxValue);

    public static string AbstractKey(string abstractText) => "a:" + Normalise(abstractText, AbstractKeyLength);

    /// <summary>A six-character id from a key; <paramref name="attempt"/> lengthens it when two keys collide.</summary>
    public static string ShortId(string key, int attempt = 0)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var length = 6 + attempt;
        var chars = new char[length];
        ulong acc = BitConverter.ToUInt64(hash, 0);
        ulong acc2 = BitConverter.ToUInt64(hash, 8);
        for (var i = 0; i < length; i++)
        {
            if (i == 12)
            {
                acc = acc2;
            }
            chars[i] = IdAlphabet[(int)(acc % (ulong)IdAlphabet.Length)];
            acc /= (ulong)IdAlphabet.Length;
        }
        return new string(chars);
    }

    internal static string Normalise(string text, int maxLength)
    {
        var sb = new StringBuilder(Math.Min(text.Length, maxLength));
        // A piece at a time, so a key of 160 characters does not decompose a whole abstract. The pieces give the
        // same key as the whole: compatibility decomposition maps each character on its own, and the combining
        // marks it may reorder are not letters or digits, so they are dropped anyway.
        for (var start = 0; start < text.Length && sb.Length < maxLength;)
        {
            var length = Math.Min(NormalisePiece, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }
            var piece = text.AsSpan(start, length);
            start += length;
            if (System.Text.Ascii.IsValid(piece))
            {
                if (Append(sb, piece, maxLength))
                {
                    break;
                }
                continue;
            }
            if (Append(sb, piece.ToString().Normalize(NormalizationForm.FormKD), maxLength))
            {
                break;
            }
        }
        return sb.ToString();
    }

    private const int NormalisePiece = 256;

    /// <summary>Appends the letters and digits, lower-cased; true once the key is long enough.</summary>
    private static bool Append(StringBuilder sb, ReadOnlySpan<char> text, int maxLength)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                if (sb.Length >= maxLength)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
