using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace PaperBot.Tests.Discord;

/// <summary>Plays Discord's side of request signing with a key pair generated for the test.</summary>
public sealed class TestSigner
{
    private readonly Ed25519PrivateKeyParameters privateKey;

    public TestSigner()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        privateKey = (Ed25519PrivateKeyParameters)pair.Private;
        PublicKeyHex = Convert.ToHexString(((Ed25519PublicKeyParameters)pair.Public).GetEncoded()).ToLowerInvariant();
    }

    public string PublicKeyHex { get; }

    public string PrivateKeyHex => Convert.ToHexString(privateKey.GetEncoded()).ToLowerInvariant();

    public string Sign(string timestamp, byte[] body)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, privateKey);
        var ts = Encoding.UTF8.GetBytes(timestamp);
        signer.BlockUpdate(ts, 0, ts.Length);
        signer.BlockUpdate(body, 0, body.Length);
        return Convert.ToHexString(signer.GenerateSignature()).ToLowerInvariant();
    }
}
