using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace PaperBot.Tests.Discord;

/// <summary>
/// The interactions endpoint accepts exactly the requests Discord signed: a matrix of good and bad signatures, each
/// verdict also checked against Node's own Ed25519 (OpenSSL), an implementation independent of BouncyCastle.
/// </summary>
public sealed class InteractionSignatureTests(DiscordServerFixture fixture) : IClassFixture<DiscordServerFixture>
{
    private readonly FakeDiscordServer discord = fixture.Discord;
    private readonly PaperBotTestServer server = fixture.Server;

    private sealed record SignatureCase(string Name, byte[] Body, string? Timestamp, string? Signature, bool Valid);

    private List<SignatureCase> Matrix()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"1","application_id":"800000000000000001","type":1,"token":"t","version":1}""");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var good = server.Signer.Sign(ts, body);
        var flipped = (Convert.ToByte(good[..2], 16) ^ 0x01).ToString("x2", null) + good[2..];
        return
        [
            new("valid", body, ts, good, true),
            new("valid, upper-case hex", body, ts, good.ToUpperInvariant(), true),
            new("signature header missing", body, ts, null, false),
            new("timestamp header missing", body, null, good, false),
            new("empty signature", body, ts, "", false),
            new("signature not hex", body, ts, new string('z', 128), false),
            new("signature one byte short", body, ts, good[..126], false),
            new("signature one byte long", body, ts, good + "00", false),
            new("one bit of the signature flipped", body, ts, flipped, false),
            new("all-zero signature", body, ts, new string('0', 128), false),
            new("body changed after signing", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"type\":1", "\"type\":2", StringComparison.Ordinal)), ts, good, false),
            new("body re-serialised with a space", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(",", ", ", StringComparison.Ordinal)), ts, good, false),
            new("other timestamp", body, (long.Parse(ts, null) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), good, false),
            new("signed without the timestamp", body, ts, server.Signer.Sign("", body), false),
            new("signed by another key", body, ts, new TestSigner().Sign(ts, body), false),
        ];
    }

    [Theory]
    [InlineData(-600, false)]
    [InlineData(-240, true)]
    [InlineData(240, true)]
    [InlineData(600, false)]
    public async Task A_correctly_signed_request_more_than_five_minutes_from_now_is_refused_as_a_replay(int offsetSeconds, bool accepted)
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"2","application_id":"800000000000000001","type":1,"token":"t","version":1}""");
        var ts = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await server.PostRawAsync(body, server.Signer.Sign(ts, body), ts);

        Assert.Equal(accepted ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Accepts_only_valid_signatures_and_agrees_with_node_crypto()
    {
        var matrix = Matrix();
        var node = RunNode(new
        {
            publicKey = server.Signer.PublicKeyHex,
            privateKey = server.Signer.PrivateKeyHex,
            cases = matrix.Select(c => new { timestamp = c.Timestamp, signature = c.Signature, body = Convert.ToBase64String(c.Body) }),
            toSign = Array.Empty<object>(),
        });
        var nodeVerdicts = node.GetProperty("verdicts").EnumerateArray().Select(v => v.GetBoolean()).ToList();
        for (var i = 0; i < matrix.Count; i++)
        {
            var c = matrix[i];
            using var response = await server.PostRawAsync(c.Body, c.Signature, c.Timestamp);
            Assert.True((c.Valid ? HttpStatusCode.OK : HttpStatusCode.Unauthorized) == response.StatusCode, $"{c.Name}: got {(int)response.StatusCode}");
            Assert.True(c.Valid == nodeVerdicts[i], $"{c.Name}: node's Ed25519 says {nodeVerdicts[i]}");
        }
    }

    [Fact]
    public async Task Requests_signed_by_node_are_accepted_and_match_bouncycastle_signatures()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"2","application_id":"800000000000000001","type":1,"token":"t","version":1}""");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var node = RunNode(new
        {
            publicKey = server.Signer.PublicKeyHex,
            privateKey = server.Signer.PrivateKeyHex,
            cases = Array.Empty<object>(),
            toSign = new[] { new { timestamp = ts, body = Convert.ToBase64String(body) } },
        });
        var nodeSignature = node.GetProperty("signatures")[0].GetString()!;
        // Ed25519 is deterministic: two correct implementations give the same bytes.
        Assert.Equal(server.Signer.Sign(ts, body), nodeSignature);
        using var accepted = await server.PostRawAsync(body, nodeSignature, ts);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("application/json", accepted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await accepted.Content.ReadAsStringAsync());
        using var tampered = await server.PostRawAsync([.. body, (byte)' '], nodeSignature, ts);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
    }

    private const string NodeScript = """
        const crypto = require('crypto');
        const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        const b64u = h => Buffer.from(h, 'hex').toString('base64url');
        const pub = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(input.publicKey) }, format: 'jwk' });
        const priv = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64u(input.privateKey), x: b64u(input.publicKey) }, format: 'jwk' });
        const message = (ts, body) => Buffer.concat([Buffer.from(ts, 'utf8'), Buffer.from(body, 'base64')]);
        const verdicts = input.cases.map(c =>
          typeof c.signature === 'string' && /^[0-9a-fA-F]{128}$/.test(c.signature) && typeof c.timestamp === 'string' && c.timestamp.length > 0
          && crypto.verify(null, message(c.timestamp, c.body), pub, Buffer.from(c.signature, 'hex')));
        const signatures = input.toSign.map(s => crypto.sign(null, message(s.timestamp, s.body), priv).toString('hex'));
        process.stdout.write(JSON.stringify({ verdicts, signatures }));
        """;

    /// <summary>Node's built-in crypto needs no package install; node is part of the team's machine set-up.</summary>
    private static JsonElement RunNode(object input)
    {
        var start = new ProcessStartInfo("node", ["-e", NodeScript])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("This test cross-checks signatures with Node's crypto: install Node.js (node on PATH).", e);
        }
        using (process)
        {
            process.StandardInput.Write(JsonSerializer.Serialize(input));
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "node failed: " + error);
            return JsonDocument.Parse(output).RootElement.Clone();
        }
    }
}
