using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Operations;

/// <summary><c>paperbot doctor</c> as a separate process: planted misconfigurations are each named with a fix.</summary>
public sealed class DoctorTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>
    /// A port that takes connections and never answers: the doctor's timeout must end the wait. Held for the test,
    /// so no other process can take it over (a closed port could be reused by a parallel test's server).
    /// </summary>
    private static TcpListener SilentPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    [Fact]
    public async Task Each_planted_misconfiguration_is_named_on_its_own_line_with_a_fix()
    {
        await using var live = await StartServerAsync();
        var silentLlm = SilentPort();
        var silentArxiv = SilentPort();
        var notAFolder = _db.WriteFile("not-a-folder", "x");
        var environment = new Dictionary<string, string>
        {
            ["Discord__ApplicationId"] = "123456789012345678",
            ["Discord__PublicKey"] = "not-a-key",
            ["PaperBot__Corpus"] = Path.Combine(_db.Folder, "no-such-corpus"),
            ["Llm__Provider"] = "openai-compatible",
            ["Llm__Endpoint"] = $"http://127.0.0.1:{Port(silentLlm)}/v1",
            ["Llm__Model"] = "some-model",
            ["Llm__PromptsDirectory"] = Path.Combine(_db.Folder, "no-prompts"),
            ["Fetch__ArxivEnabled"] = "true",
            ["Fetch__ArxivBaseUrl"] = $"http://127.0.0.1:{Port(silentArxiv)}",
            ["Fetch__HuggingFaceEnabled"] = "true",
            ["Fetch__HuggingFaceBaseUrl"] = live.BaseUrl,
        };

        var (code, stdout, stderr) = await PaperBotProcess.RunAsync(_db.Folder, environment, "doctor", "--timeout", "8", "--db", Path.Combine(notAFolder, "paperbot.db"));
        silentLlm.Stop();
        silentArxiv.Stop();

        Assert.True(code == 1, stdout + stderr);
        var problems = stdout.Split('\n').Where(l => l.StartsWith("PROBLEM", StringComparison.Ordinal)).ToList();
        Assert.All(problems, p => Assert.Contains(" Fix: ", p, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Discord:PublicKey", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("database", StringComparison.Ordinal) && p.Contains("is a file, not a folder", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PaperBot:Corpus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("llm", StringComparison.Ordinal) && p.Contains("missing from", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("PROBLEM  Llm:Endpoint: cannot reach", StringComparison.Ordinal) && p.Contains("no answer within 8 s", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("PROBLEM  Fetch:ArxivBaseUrl: cannot reach", StringComparison.Ordinal));
        Assert.Contains(stdout.Split('\n'), l => l.StartsWith("ok       Fetch:HuggingFaceBaseUrl:", StringComparison.Ordinal) && l.Contains("answers (HTTP 200)", StringComparison.Ordinal));
        Assert.Contains($"{problems.Count} problem(s) found.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sound_setup_has_no_problems()
    {
        var environment = new Dictionary<string, string> { ["PaperBot__Corpus"] = RepositoryPaths.Corpus };

        var (code, stdout, stderr) = await PaperBotProcess.RunAsync(_db.Folder, environment, "doctor", "--db", _db.Path);

        Assert.True(code == 0, stdout + stderr);
        Assert.DoesNotContain("PROBLEM", stdout, StringComparison.Ordinal);
        Assert.Contains("ok       configuration: every setting passes its checks", stdout, StringComparison.Ordinal);
        Assert.Contains("note     teams: development mode", stdout, StringComparison.Ordinal);
        Assert.Contains("No problems found.", stdout, StringComparison.Ordinal);
    }

    private static Task<LoopbackServer> StartServerAsync() => LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Text("hello")));
}
