using System.Security.Cryptography;

namespace PaperBot.Tests.Teams;

/// <summary>An RSA key generated for one test run, with the endorsements the fake key set publishes for it.</summary>
public sealed class TestSigningKey(string keyId, params string[] endorsements) : IDisposable
{
    public string KeyId { get; } = keyId;
    public IReadOnlyList<string> Endorsements { get; } = endorsements;
    public RSA Rsa { get; } = RSA.Create(2048);

    /// <summary>The key as a JWKS entry, with the Bot Framework's non-standard <c>endorsements</c> array.</summary>
    public Dictionary<string, object> ToJwk()
    {
        var p = Rsa.ExportParameters(false);
        return new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Jwt.Base64Url(p.Modulus!),
            ["e"] = Jwt.Base64Url(p.Exponent!),
            ["endorsements"] = Endorsements,
        };
    }

    public void Dispose() => Rsa.Dispose();
}
