using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PaperBot.Host.Cli;
using PaperBot.Tests.Llm;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Cli;

/// <summary>
/// Configuration mistakes and bad addresses end with one line naming what is wrong, never a stack trace; text shown in
/// the terminal cannot carry terminal escape sequences (issue 13).
/// </summary>
public sealed class ConfigurationAndTerminalTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        PaperBotProcess.RunAsync(RepositoryPaths.Root, environment, [.. args, "--db", _db.Path]);

    [Fact]
    public async Task A_value_that_is_not_a_number_is_one_line_naming_the_key_and_exit_2()
    {
        var (code, _, stderr) = await RunAsync(new() { ["Answering__MinCoverage"] = "abc" }, "stats");

        Assert.Equal(2, code);
        Assert.Equal("Configuration error: Answering:MinCoverage must be a number (abc is not a valid value for Double)", stderr.Trim());
    }

    [Fact]
    public async Task A_misspelt_key_in_a_known_section_is_warned_about_with_the_key_meant()
    {
        var (code, _, stderr) = await RunAsync(new() { ["Answering__MinCoveerage"] = "0.5", ["Ingest__MaxFileByte"] = "10" }, "stats");

        Assert.Equal(0, code);
        Assert.Contains("Answering:MinCoveerage is not a setting PaperBot reads, and is ignored; did you mean Answering:MinCoverage?", stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean Ingest:MaxFileBytes?", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus", "is not an address to listen on")]
    [InlineData("http://256.0.0.1:5077", "is not an IP address or localhost")]
    [InlineData("http://example.com:5077", "is not an IP address or localhost")]
    [InlineData("http://127.0.0.1:99999", "is not a port")]
    [InlineData("http://127.0.0.1:5077/base", "is not an address to listen on")]
    public async Task Serve_refuses_an_address_it_should_not_listen_on_in_one_line(string urls, string expected)
    {
        var (code, _, stderr) = await RunAsync([], "serve", "--urls", urls);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_port_already_in_use_says_so_in_one_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, stderr) = await RunAsync([], "serve", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.Contains("already in use", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_generate_refuses_a_negative_paper_count()
    {
        var output = Path.Combine(_db.Folder, "synthetic");

        var (code, stdout, stderr) = await RunAsync([], "bench", "generate", "--papers", "-5", "--out", output);

        Assert.NotEqual(0, code);
        Assert.Contains("--papers must be between 1 and 10,000,000, not -5", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrote", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Ingest_output_shows_escape_sequences_from_a_listing_instead_of_sending_them()
    {
        var path = _db.WriteFile("esc.txt", "A title with \u001b]0;pwned\u0007 in it\n");

        var (_, stdout, stderr) = await RunAsync([], "ingest", path);

        Assert.DoesNotContain('\u001b', stdout + stderr);
        Assert.DoesNotContain('\u0007', stdout + stderr);
        Assert.Contains("A title with  in it", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_shows_control_characters_it_repeats_instead_of_sending_them()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var output = new StringWriter();

        await ChatVerb.RunAsync(host.Services, new StringReader("search \u001b]0;pwned\u0007zzqqxxvv\nexit\n"), output, "terminal:esc", CancellationToken.None);

        var text = output.ToString();
        Assert.Contains("pwned", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
    }

    [Fact]
    public void The_terminal_writer_shows_control_characters_in_caret_notation_and_keeps_line_breaks()
    {
        var inner = new StringWriter { NewLine = "\n" };
        var writer = TerminalSafeWriter.Wrap(inner);

        writer.Write("a\u001b]0;t\u0007b\rc\u009bd\u007f");
        writer.WriteLine("\tz");
        writer.Write('\u0001');

        Assert.Equal("a^[]0;t^Gb^Mc\\u009bd^?\tz\n^A", inner.ToString());
        Assert.Same(writer, TerminalSafeWriter.Wrap(writer));
    }
}
