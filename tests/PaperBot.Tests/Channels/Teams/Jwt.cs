using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PaperBot.Tests.Teams;

/// <summary>
/// Mints JWTs by hand (header.payload.signature) rather than with IdentityModel, so the validator under test is
/// not checked only against tokens its own library made, and so broken tokens (alg none, HS256) can be built.
/// </summary>
public static class Jwt
{
    public const string Issuer = "https://api.botframework.com";

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static Dictionary<string, object> Claims(string audience, string serviceUrl, DateTimeOffset now, TimeSpan? notBeforeOffset = null, TimeSpan? expiresOffset = null) => new()
    {
        ["iss"] = Issuer,
        ["aud"] = audience,
        ["serviceurl"] = serviceUrl,
        ["nbf"] = (now + (notBeforeOffset ?? TimeSpan.FromMinutes(-1))).ToUnixTimeSeconds(),
        ["iat"] = (now + (notBeforeOffset ?? TimeSpan.FromMinutes(-1))).ToUnixTimeSeconds(),
        ["exp"] = (now + (expiresOffset ?? TimeSpan.FromMinutes(30))).ToUnixTimeSeconds(),
    };

    public static string SignRs256(TestSigningKey key, IDictionary<string, object> claims)
    {
        var signingInput = SigningInput(new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = key.KeyId }, claims);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>An unsigned token that claims to be fine.</summary>
    public static string WithoutSignature(string keyId, IDictionary<string, object> claims) =>
        SigningInput(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = keyId }, claims) + ".";

    /// <summary>The key-confusion attack: HMAC-signed with the public key's bytes as the shared secret.</summary>
    public static string SignHs256WithPublicKey(TestSigningKey key, IDictionary<string, object> claims)
    {
        var signingInput = SigningInput(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = key.KeyId }, claims);
        var secret = key.Rsa.ExportSubjectPublicKeyInfo();
        return signingInput + "." + Base64Url(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string SigningInput(IDictionary<string, object> header, IDictionary<string, object> claims) =>
        Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
}
