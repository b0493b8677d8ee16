using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PaperBot.Core.Digest;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Llm;
using PaperBot.Core.Storage;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Digest.Fetch;
using PaperBot.Host.Digest.Inbox;

namespace PaperBot.Host.Server;

/// <summary>
/// What <c>paperbot serve</c> says once it listens: one line each for the addresses, every channel (on or off, and
/// why), the LLM and embedding providers, the database and its schema version, the digest, fetchers and inbox.
/// An operator reading the first screen of the log knows what this process will and will not do.
/// </summary>
public sealed class StartupReport(
    IServer server,
    IHostApplicationLifetime lifetime,
    SqliteConnectionFactory database,
    IDigestSubscriptionStore subscriptions,
    IOptions<DiscordOptions> discord,
    IOptions<TeamsOptions> teams,
    IOptions<LlmOptions> llm,
    IOptions<EmbeddingOptions> embeddings,
    IOptions<DigestOptions> digest,
    IOptions<InboxOptions> inbox,
    IOptions<FetchOptions> fetch,
    IEnumerable<IStartupReportLine> extraLines,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The addresses are known only once the server has bound them (port 0 becomes a real port).
        lifetime.ApplicationStarted.Register(Log);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Log()
    {
        foreach (var (level, line) in Lines())
        {
            logger.Log(level, "{Line}", line);
        }
    }

    /// <summary>The lines, each with the level it is logged at (a warning where the operator must act).</summary>
    public IReadOnlyList<(LogLevel Level, string Line)> Lines()
    {
        var lines = new List<(LogLevel, string)>
        {
            (LogLevel.Information, "Listening on " + Addresses()),
            Discord(),
            Teams(),
            (LogLevel.Information, Llm()),
            (LogLevel.Information, Embeddings()),
            Database(),
            (LogLevel.Information, Digest()),
            (LogLevel.Information, Fetchers()),
            (LogLevel.Information, Inbox()),
        };
        lines.AddRange(extraLines.Select(l => l.Describe()));
        return lines;
    }

    private string Addresses()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is { Count: > 0 } ? string.Join(", ", addresses) : "(no address reported by the server)";
    }

    private (LogLevel, string) Discord()
    {
        var o = discord.Value;
        if (!o.Enabled)
        {
            return (LogLevel.Information, "Discord: off (Discord:ApplicationId is empty)");
        }
        var gateway = o.Gateway.Enabled
            ? "gateway on (@mentions and DMs)"
            : "gateway off (Discord:Gateway:Enabled is false; @mentions and DMs are not answered)";
        var token = string.IsNullOrWhiteSpace(o.BotToken)
            ? "; no Discord:BotToken, so no follow-up messages, command registration or channel digests"
            : "";
        return (string.IsNullOrWhiteSpace(o.BotToken) ? LogLevel.Warning : LogLevel.Information,
            $"Discord: on, application {o.ApplicationId}, slash commands at POST {DiscordEndpoints.InteractionsPath}, {gateway}{token}");
    }

    private (LogLevel, string) Teams()
    {
        var o = teams.Value;
        if (o.AuthenticationEnabled)
        {
            return (LogLevel.Information,
                $"Teams: on, app {o.AppId} ({o.AppType}), POST {TeamsEndpoints.MessagesPath} accepts only activities with a valid Bot Connector token");
        }
        return (LogLevel.Warning,
            $"Teams: DEVELOPMENT MODE because Teams:AppId is empty: POST {TeamsEndpoints.MessagesPath} accepts UNAUTHENTICATED activities, " +
            "so it takes them only from loopback (127.0.0.1/::1) and never through a proxy; set Teams:AppId, Teams:AppPassword and Teams:TenantId for a real bot");
    }

    private string Llm()
    {
        var o = llm.Value;
        if (string.Equals(o.Provider, LlmProviders.None, StringComparison.OrdinalIgnoreCase))
        {
            return "LLM: none (Llm:Provider), extractive answers with citations, no model calls";
        }
        var model = o.Deployment ?? o.Model ?? "(no model)";
        var where = string.IsNullOrWhiteSpace(o.Endpoint) ? "its default endpoint" : o.Endpoint;
        return $"LLM: {o.Provider}, model {model} at {where}, timeout {o.TimeoutSeconds:0.#} s; extractive answers whenever it fails";
    }

    private string Embeddings()
    {
        var o = embeddings.Value;
        if (o.Provider == EmbeddingProvider.None)
        {
            return "Embeddings: none (Embeddings:Provider), retrieval uses keywords and the corpus's own vectors";
        }
        var where = string.IsNullOrWhiteSpace(o.Endpoint) ? "" : $" at {o.Endpoint}";
        return $"Embeddings: {o.Provider}, model {o.Model ?? "(default)"}{where}";
    }

    private (LogLevel, string) Database()
    {
        try
        {
            using var connection = database.Open();
            var version = SchemaMigrator.CurrentVersion(connection);
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM papers";
            var papers = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return (LogLevel.Information, $"Database: {database.DatabasePath}, schema version {version} (this build knows {SchemaMigrator.LatestVersion}), {papers} papers");
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return (LogLevel.Error, $"Database: {database.DatabasePath} cannot be opened: {e.Message}");
        }
    }

    private string Digest()
    {
        var o = digest.Value;
        if (!o.Enabled)
        {
            return "Digest: scheduler off (Digest:Enabled is false); paperbot digest send-now still sends by hand";
        }
        int active;
        try
        {
            active = subscriptions.List(activeOnly: true).Count;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or TimeoutException)
        {
            // With PostgreSQL down at start-up the report still prints; the scheduler retries on its own.
            active = -1;
        }
        return $"Digest: scheduler on, {(active < 0 ? "?" : active.ToString(System.Globalization.CultureInfo.InvariantCulture))} active subscription(s), " +
               $"{o.Subscriptions.Count} in configuration, checking at least every {o.PollSeconds} s";
    }

    private string Fetchers()
    {
        var o = fetch.Value;
        string Describe(string name, bool on, string key, string url) => on ? $"{name} on ({url})" : $"{name} off ({key} is false)";
        return "Fetchers: " + Describe("Hugging Face daily papers", o.HuggingFaceEnabled, "Fetch:HuggingFaceEnabled", o.HuggingFaceBaseUrl) + "; " +
               Describe("arXiv", o.ArxivEnabled, "Fetch:ArxivEnabled", o.ArxivBaseUrl) +
               (o.HuggingFaceEnabled || o.ArxivEnabled ? $"; every {o.IntervalMinutes} min into {Path.GetFullPath(o.Folder)}" : "");
    }

    private string Inbox()
    {
        var o = inbox.Value;
        return string.IsNullOrWhiteSpace(o.Inbox)
            ? "Inbox: off (PaperBot:Inbox is empty)"
            : $"Inbox: watching {Path.GetFullPath(o.Inbox)} every {o.InboxPollSeconds} s";
    }
}
