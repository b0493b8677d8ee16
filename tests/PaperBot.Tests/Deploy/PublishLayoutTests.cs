using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaperBot.Tests.Support;
using PaperBot.Tests.Teams;

namespace PaperBot.Tests.Deploy;

/// <summary>
/// No container engine runs on the build machines, so this checks what the Dockerfile builds: deploy/publish.sh (the
/// script the Dockerfile and install.sh run) publishes to a temporary folder, corpus/ and prompts/ are there, and
/// <c>serve</c> started from that folder (PaperBot:Corpus left at its default, as in the image) becomes ready and
/// answers a question over the Teams endpoint, replying to a Bot Connector fake on 127.0.0.1.
/// </summary>
public sealed partial class PublishLayoutTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("paperbot-publish-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes what is still held open.
        }
    }

    [Fact]
    public async Task The_published_layout_has_corpus_and_prompts_and_serve_from_it_answers_an_ask()
    {
        var app = Path.Combine(_root, "app");
        // The script's own publish, from the build this test run already made (the test assembly's configuration):
        // compiling Core and Host again in Release took minutes of a CI run, and the layout does not depend on it.
        var configuration = typeof(PublishLayoutTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var publish = Run("bash", RepositoryPaths.Root, Path.Combine(RepositoryPaths.Root, "deploy", "publish.sh"), app, "--no-build", configuration);
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.Equal(Directory.GetFiles(RepositoryPaths.Corpus).Length, Directory.GetFiles(Path.Combine(app, "corpus")).Length);
        foreach (var prompt in Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "prompts")))
        {
            Assert.True(File.Exists(Path.Combine(app, "prompts", Path.GetFileName(prompt), "skprompt.txt")), $"{prompt} is not in the published prompts/");
        }
        // The Dockerfile's build stage runs exactly this script.
        Assert.Contains("RUN bash deploy/publish.sh /app", await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "Dockerfile")), StringComparison.Ordinal);

        await using var connector = await FakeBotConnector.StartAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(app, "paperbot.dll"), "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PaperBot__Database"] = Path.Combine(_root, "data", "paperbot.db");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        // The layout is under test, not the model: no background job embedding the corpus beside it.
        start.Environment["Embeddings__Provider"] = "None";
        using var serve = Process.Start(start)!;
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        serve.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (log)
            {
                log.AppendLine(e.Data);
            }
            if (ListeningLine().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(m.Groups[1].Value);
            }
        };
        serve.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            var baseUrl = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await Eventually.ProbeAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
                () => "the published server to become ready", TimeSpan.FromSeconds(90));
            string startupLog;
            lock (log)
            {
                startupLog = log.ToString();
            }
            Assert.Contains("Teams: DEVELOPMENT MODE", startupLog, StringComparison.Ordinal);
            Assert.Contains($"Database: {Path.Combine(_root, "data", "paperbot.db")}", startupLog, StringComparison.Ordinal);

            var conversation = "a:publish-" + Guid.NewGuid().ToString("N");
            var activity = new JsonObject
            {
                ["type"] = "message",
                ["id"] = "1700000000000",
                ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
                ["serviceUrl"] = connector.ServiceUrl,
                ["channelId"] = "msteams",
                ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Ada Lovelace", ["aadObjectId"] = "aad-user-1" },
                ["recipient"] = new JsonObject { ["id"] = "28:paperbot", ["name"] = "PaperBot" },
                ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = FakeBotConnector.TenantId },
                ["text"] = "ask which papers tackle continual relation extraction?",
                ["textFormat"] = "plain",
            };
            using var posted = await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

            var reply = (await connector.WaitForAsync(r => r.ConversationId == conversation && r.ActivityType == "message", timeout: TimeSpan.FromSeconds(60)))[0];
            Assert.Contains("Relation Extraction", reply.Body, StringComparison.Ordinal);
            Assert.Contains("[1]", reply.Body, StringComparison.Ordinal);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static (int ExitCode, string Output) Run(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(600_000), "publishing took over ten minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [GeneratedRegex(@"Listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
