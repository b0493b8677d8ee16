using System.Security.Cryptography;
using System.Text;

namespace PaperBot.Core.Embeddings;

/// <summary>
/// What a paper's vectors are computed from: its title and abstract (cut into passages by the storage model's window,
/// which the model key names). Vectors are keyed by this hash, not the paper's whole-record content hash, so a change
/// of upvotes, authors or links (the digest re-ingests listings daily) does not embed the paper again.
/// </summary>
public static class EmbeddedText
{
    public static string Hash(string title, string @abstract)
    {
        // A NUL between the two, which neither contains, so moving text from the title to the abstract changes the hash.
        var bytes = Encoding.UTF8.GetBytes(title + "\0" + @abstract);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
