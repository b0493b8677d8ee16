using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PaperBot.Tests.Support;

/// <summary>
/// A real <c>paperbot serve</c> process on a port of its choosing, started as <see cref="PaperBotProcess"/> starts
/// every verb (no background embedding of the corpus) and returned once <c>/readyz</c> says so: for tests that kill a
/// process or need more than one replica. Its output is kept for the failure message.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, Uri address, StringBuilder output)
    {
        _process = process;
        Address = address;
        _output = output;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The process id: what PostgreSQL rows claimed by this replica name (host/pid/...).</summary>
    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(string workingDirectory, string database, IReadOnlyDictionary<string, string> environment)
    {
        var settings = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            // The line that says where it listens.
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }
        var start = PaperBotProcess.StartInfo(workingDirectory, settings, "serve", "--urls", "http://127.0.0.1:0", "--db", database);
        var process = Process.Start(start)!;
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                listening.TrySetException(new InvalidOperationException("serve ended before listening:\n" + output));
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
            var at = line.IndexOf("Now listening on: ", StringComparison.Ordinal);
            if (at >= 0)
            {
                listening.TrySetResult(new Uri(line[(at + "Now listening on: ".Length)..].Trim()));
            }
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        var serve = new ServeProcess(process, address, output);
        await serve.WaitReadyAsync();
        return serve;
    }

    /// <summary>Asks on the web page's API (started with Web__Enabled) and returns the conversation id and the reply event's JSON.</summary>
    public async Task<(string Conversation, JsonElement Reply)> AskAsync(string question, string? conversation = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/web/ask", new { question, conversation });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        string? id = null;
        JsonElement? reply = null;
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var name = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..];
            var data = lines.FirstOrDefault(l => l.StartsWith("data: ", StringComparison.Ordinal))?["data: ".Length..];
            if (data is null)
            {
                continue;
            }
            var json = JsonDocument.Parse(data).RootElement.Clone();
            if (name == "start")
            {
                id = json.GetProperty("conversation").GetString();
            }
            else if (name == "reply")
            {
                reply = json;
            }
            else if (name == "problem")
            {
                throw new InvalidOperationException("The web page reported a problem: " + data + "\n" + Output);
            }
        }
        return (id ?? throw new InvalidOperationException("No start event:\n" + body), reply ?? throw new InvalidOperationException("No reply event:\n" + body));
    }

    /// <summary>The ids of the papers a reply lists as its sources, in order.</summary>
    public static IReadOnlyList<string> SourceIds(JsonElement reply) =>
        reply.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();

    private Task WaitReadyAsync() => Eventually.ProbeAsync(async () =>
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException("serve ended before it was ready:\n" + Output);
        }
        using var response = await Http.GetAsync("/readyz");
        return response.IsSuccessStatusCode;
    }, () => "serve ready:\n" + Output, TimeSpan.FromSeconds(120));

    /// <summary>SIGKILL: no shutdown, no flush; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
