using System.Text;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// Checks Discord's Ed25519 signature over the timestamp header followed by the raw body bytes, and that the signed
/// timestamp is within <see cref="DiscordOptions.SignatureMaxAge"/> of now, so a captured request cannot be replayed
/// later. Discord probes the endpoint with bad signatures and drops the URL if one is accepted, so anything malformed
/// is simply "not valid".
/// </summary>
public sealed class InteractionSignatureVerifier
{
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";

    private readonly Ed25519PublicKeyParameters? publicKey;
    private readonly TimeSpan maxAge;
    private readonly TimeProvider time;

    public InteractionSignatureVerifier(IOptions<DiscordOptions> options, TimeProvider time)
    {
        maxAge = options.Value.SignatureMaxAge;
        this.time = time;
        var hex = options.Value.PublicKey;
        if (hex is { Length: 64 } && hex.All(char.IsAsciiHexDigit))
        {
            publicKey = new Ed25519PublicKeyParameters(Convert.FromHexString(hex));
        }
    }

    public bool IsConfigured => publicKey is not null;

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (publicKey is null || signatureHex is not { Length: 128 } || string.IsNullOrEmpty(timestamp) || timestamp.Length > 32
            || !signatureHex.All(char.IsAsciiHexDigit))
        {
            return false;
        }
        var signature = Convert.FromHexString(signatureHex);
        var timestampBytes = Encoding.UTF8.GetBytes(timestamp);
        // The signer is cheap and not thread-safe, so each request gets its own.
        var signer = new Ed25519Signer();
        signer.Init(false, publicKey);
        signer.BlockUpdate(timestampBytes, 0, timestampBytes.Length);
        signer.BlockUpdate(body);
        return signer.VerifySignature(signature) && IsFresh(timestamp);
    }

    private bool IsFresh(string timestamp)
    {
        if (maxAge == TimeSpan.Zero)
        {
            return true;
        }
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return Math.Abs(now - seconds) <= (long)maxAge.TotalSeconds;
    }
}
