using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using PaperBot.Host.Server;
using PaperBot.Tests.Support;
using PaperBot.Tests.Teams;

namespace PaperBot.Tests.Observability;

/// <summary>The real server with the Prometheus listener on: after a question over the Teams endpoint, the scrape shows it.</summary>
public sealed partial class PrometheusScrapeTests
{
    /// <summary>The scrape listener (HttpListener) cannot bind port 0, so a free port is found first.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task After_an_ask_the_scrape_endpoint_counts_the_question_and_the_public_port_has_no_metrics()
    {
        using var db = new TempDatabase();
        await using var connector = await FakeBotConnector.StartAsync();
        var port = FreePort();
        await using var app = ServeCommand.BuildApp([], db.Path, "http://127.0.0.1:0", c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
            ["Observability:Prometheus:Enabled"] = "true",
            ["Observability:Prometheus:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PaperBot"] = "Warning",
        }));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var conversation = "a:metrics-" + Guid.NewGuid().ToString("N");
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1700000000001",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Ada Lovelace" },
            ["recipient"] = new JsonObject { ["id"] = "28:paperbot", ["name"] = "PaperBot" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = FakeBotConnector.TenantId },
            ["text"] = "ask what is speculative decoding?",
        };
        using (var posted = await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }
        await connector.WaitForAsync(r => r.ConversationId == conversation && r.ActivityType == "message", timeout: TimeSpan.FromSeconds(60));

        using var metricsClient = new HttpClient();
        var text = await metricsClient.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        var questions = QuestionCounter().Matches(text).Sum(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(questions >= 1, "no paperbot_questions_total sample in:\n" + text);
        Assert.Contains("paperbot_answer_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("paperbot_channel_responses_total{", text, StringComparison.Ordinal);
        Assert.Contains("channel=\"teams\"", text, StringComparison.Ordinal);

        using var publicMetrics = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        await app.StopAsync();
    }

    [GeneratedRegex(@"^paperbot_questions_total(?:\{[^}]*\})? (\d+(?:\.\d+)?)", RegexOptions.Multiline)]
    private static partial Regex QuestionCounter();
}
