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
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                if (sb.Length >= maxLength)
                {
                    break;
                }
            }
        }
        return sb.ToString();
    }
}
