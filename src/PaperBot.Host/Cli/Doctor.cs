using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Llm;
using PaperBot.Core.Storage;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Digest.Fetch;

namespace PaperBot.Host.Cli;

/// <summary>
/// The checks behind <c>paperbot doctor</c>: every setting's validation, the database (opens, integrity, schema
/// version, writable), the corpus, the prompts and local model files, and whether each configured endpoint answers
/// at all within a short timeout. Each check reads the configuration itself, so one bad setting does not hide the
/// others. Nothing is changed: the database is opened without migrating it.
/// </summary>
public sealed class Doctor(IConfiguration configuration, Func<IServiceProvider?> buildServices, TimeSpan endpointTimeout, HttpMessageHandler? handler = null)
{
    private const string SettingHint = "set it in appsettings.json beside the executable or as an environment variable (':' becomes '__')";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var findings = new List<DoctorFinding>();
        findings.AddRange(await ConfigurationAsync());
        var storage = Bind<StorageOptions>(StorageOptions.SectionName);
        var papers = Database(storage, findings);
        findings.AddRange(Corpus(storage, papers));
        findings.AddRange(Models());
        findings.AddRange(Channels());
        findings.AddRange(await EndpointsAsync(cancellationToken));
        return findings;
    }

    private T Bind<T>(string section) where T : new()
    {
        var value = new T();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException)
        {
            // A value of the wrong type: the configuration check names it.
        }
        return value;
    }

    private async Task<IReadOnlyList<DoctorFinding>> ConfigurationAsync()
    {
        var failures = new List<string>();
        IServiceProvider? services = null;
        try
        {
            services = buildServices();
            services?.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            failures.AddRange(e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures));
        }
        catch (InvalidOperationException e)
        {
            failures.Add(e.Message);
        }
        finally
        {
            if (services is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
        if (failures.Count == 0)
        {
            return [new DoctorFinding(DoctorVerdict.Ok, "configuration", "every setting passes its checks")];
        }
        return failures.Distinct().Select(f => new DoctorFinding(DoctorVerdict.Problem, "configuration", f, $"Correct that setting: {SettingHint}.")).ToList();
    }

    /// <summary>Returns the paper count, or null when there is no usable database yet.</summary>
    private static long? Database(StorageOptions storage, List<DoctorFinding> findings)
    {
        var path = Path.GetFullPath(storage.Database);
        const string subject = "database";
        if (Directory.Exists(path))
        {
            findings.Add(new DoctorFinding(DoctorVerdict.Problem, subject, $"{path} is a directory, not a database file.",
                "Point PaperBot:Database (or --db) at a file path, e.g. /var/lib/paperbot/paperbot.db."));
            return null;
        }
        var folder = Path.GetDirectoryName(path) ?? ".";
        var existing = AncestorThatExists(folder);
        if (existing is not null && File.Exists(existing))
        {
            findings.Add(new DoctorFinding(DoctorVerdict.Problem, subject, $"{path} cannot be created: {existing} is a file, not a folder.",
                "Point PaperBot:Database (or --db) into a folder that exists or can be created."));
            return null;
        }
        if (!File.Exists(path))
        {
            findings.Add(new DoctorFinding(DoctorVerdict.Note, subject,
                $"{path} does not exist yet; it is created, migrated to schema version {SchemaMigrator.LatestVersion} and filled from the corpus at first start."));
            return null;
        }
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check;";
            var verdict = Convert.ToString(check.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (verdict != "ok")
            {
                findings.Add(new DoctorFinding(DoctorVerdict.Problem, subject, $"{path} fails its integrity check: {verdict}",
                    "Stop the server and restore the latest backup (see docs/operations.md)."));
                return null;
            }
            var version = SchemaMigrator.CurrentVersion(connection);
            if (version > SchemaMigrator.LatestVersion)
            {
                findings.Add(new DoctorFinding(DoctorVerdict.Problem, subject,
                    $"{path} is at schema version {version}, newer than this build knows ({SchemaMigrator.LatestVersion}).",
                    "Run the newer PaperBot that wrote it, or restore a backup made before the upgrade."));
                return null;
            }
            long papers = 0;
            if (version >= 1)
            {
                using var count = connection.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM papers";
                papers = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            var writable = "writable";
            try
            {
                using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA busy_timeout=1000;";
                    pragma.ExecuteNonQuery();
                }
                connection.DefaultTimeout = 1; // Microsoft.Data.Sqlite retries a busy BEGIN until this, whatever busy_timeout says
                using var write = connection.BeginTransaction(deferred: false);
                write.Rollback();
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                writable = "busy (another process holds the write lock right now)";
            }
            catch (SqliteException e)
            {
                findings.Add(new DoctorFinding(DoctorVerdict.Problem, subject, $"{path} is not writable: {e.Message}",
                    $"Give the user running PaperBot write access to {folder} (the database, its -wal and -shm files live there)."));
                return papers;
            }
            findings.Add(new DoctorFinding(version < SchemaMigrator.LatestVersion ? DoctorVerdict.Note : DoctorVerdict.Ok, subject,
                $"{path}: integrity ok, {writable}, {papers} papers, schema version {version}" +
                (version < SchemaMigrator.LatestVersion ? $"; migrated to {SchemaMigrator.LatestVersion} at next start, after a backup unless PaperBot:BackupBeforeMigration is false" : "")));
            return papers;
        }
        catch (SqliteException e)
        {
            findings.Add(new DoctorFinding(DoctorVerdict.Problem, subject, $"{path} cannot be opened: {e.Message}",
                "Check that it is a PaperBot database and that the user running PaperBot may read and write it and its folder."));
            return null;
        }
    }

    private static string? AncestorThatExists(string folder)
    {
        for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir) || File.Exists(dir))
            {
                return dir;
            }
        }
        return null;
    }

    private static IEnumerable<DoctorFinding> Corpus(StorageOptions storage, long? papers)
    {
        var corpus = Path.GetFullPath(storage.Corpus);
        var files = Directory.Exists(corpus) ? Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Count() : File.Exists(corpus) ? 1 : 0;
        if (files > 0)
        {
            yield return new DoctorFinding(DoctorVerdict.Ok, "corpus", $"{corpus}: {files} listing file(s)");
        }
        else if (papers is null or 0)
        {
            yield return new DoctorFinding(DoctorVerdict.Problem, "corpus",
                $"PaperBot:Corpus is {corpus}, which {(Directory.Exists(corpus) ? "holds no files" : "does not exist")}, and the database has no papers, so there is nothing to answer from.",
                "Set PaperBot:Corpus to the folder of listing files (a published build has corpus/ beside the executable), or run paperbot ingest PATH.");
        }
        else
        {
            yield return new DoctorFinding(DoctorVerdict.Note, "corpus", $"{corpus} is missing, but the database already holds {papers} papers, so it is not needed.");
        }
    }

    private IEnumerable<DoctorFinding> Models()
    {
        var llm = Bind<LlmOptions>(LlmOptions.SectionName);
        if (string.Equals(llm.Provider, LlmProviders.None, StringComparison.OrdinalIgnoreCase))
        {
            yield return new DoctorFinding(DoctorVerdict.Ok, "llm", "none: extractive answers, no model calls");
        }
        else
        {
            var prompts = PromptLibrary.Resolve(llm.PromptsDirectory);
            var missing = PromptLibrary.Names.Where(n => !File.Exists(Path.Combine(prompts, n, "skprompt.txt"))).ToList();
            yield return missing.Count == 0
                ? new DoctorFinding(DoctorVerdict.Ok, "llm", $"{llm.Provider}, model {llm.Deployment ?? llm.Model}, prompts in {prompts}")
                : new DoctorFinding(DoctorVerdict.Problem, "llm", $"the prompts {string.Join(", ", missing)} are missing from {prompts}.",
                    "Set Llm:PromptsDirectory to the prompts/ folder (a published build has it beside the executable).");
        }
        var embeddings = Bind<EmbeddingOptions>(EmbeddingOptions.SectionName);
        if (embeddings.Provider == EmbeddingProvider.None)
        {
            yield return new DoctorFinding(DoctorVerdict.Ok, "embeddings", "none: keywords and the corpus's own vectors");
        }
        else if (embeddings.Provider is EmbeddingProvider.OpenAI or EmbeddingProvider.AzureOpenAI)
        {
            yield return new DoctorFinding(DoctorVerdict.Ok, "embeddings", $"{embeddings.Provider}, model {embeddings.Model}");
        }
        else
        {
            // A model that ships in a package: its weights are files in the publish output.
            var models = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.onnx", SearchOption.AllDirectories).ToList();
            yield return models.Count > 0
                ? new DoctorFinding(DoctorVerdict.Ok, "embeddings", $"{embeddings.Provider}: model file {Path.GetRelativePath(AppContext.BaseDirectory, models[0])}")
                : new DoctorFinding(DoctorVerdict.Problem, "embeddings", $"{embeddings.Provider} needs its model file (*.onnx) beside the executable, and there is none in {AppContext.BaseDirectory}.",
                    "Publish with deploy/publish.sh, which keeps the model files, or set Embeddings:Provider=None.");
        }
    }

    private IEnumerable<DoctorFinding> Channels()
    {
        var discord = Bind<DiscordOptions>(DiscordOptions.SectionName);
        yield return discord.Enabled
            ? new DoctorFinding(string.IsNullOrWhiteSpace(discord.BotToken) ? DoctorVerdict.Note : DoctorVerdict.Ok, "discord",
                $"on, application {discord.ApplicationId}" + (string.IsNullOrWhiteSpace(discord.BotToken) ? "; no Discord:BotToken, so no follow-ups, command registration or channel digests" : ""))
            : new DoctorFinding(DoctorVerdict.Ok, "discord", "off (Discord:ApplicationId is empty)");
        var teams = Bind<TeamsOptions>(TeamsOptions.SectionName);
        yield return teams.AuthenticationEnabled
            ? new DoctorFinding(DoctorVerdict.Ok, "teams", $"on, app {teams.AppId}")
            : new DoctorFinding(DoctorVerdict.Note, "teams", "development mode (Teams:AppId is empty): /api/messages accepts only unauthenticated requests from this machine");
    }

    private async Task<IReadOnlyList<DoctorFinding>> EndpointsAsync(CancellationToken cancellationToken)
    {
        var endpoints = ConfiguredEndpoints().ToList();
        if (endpoints.Count == 0)
        {
            return [new DoctorFinding(DoctorVerdict.Ok, "endpoints", "none configured (no LLM, embedding service, channel or fetcher calls out)")];
        }
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = endpointTimeout;
        var checks = endpoints.Select(async e =>
        {
            try
            {
                using var response = await client.GetAsync(e.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                // Any HTTP answer (401, 404 included) means the host is there; credentials are not tested here.
                return new DoctorFinding(DoctorVerdict.Ok, e.Setting, $"{e.Url} answers (HTTP {(int)response.StatusCode})");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                var why = ex is TaskCanceledException ? $"no answer within {endpointTimeout.TotalSeconds:0.#} s" : ex.Message;
                return new DoctorFinding(DoctorVerdict.Problem, e.Setting, $"cannot reach {e.Url} ({why}).",
                    $"Check {e.Setting}, DNS, the firewall, or the proxy (HTTPS_PROXY) between this machine and that host.");
            }
        });
        return await Task.WhenAll(checks);
    }

    private IEnumerable<(string Setting, Uri Url)> ConfiguredEndpoints()
    {
        var llm = Bind<LlmOptions>(LlmOptions.SectionName);
        if (!string.Equals(llm.Provider, LlmProviders.None, StringComparison.OrdinalIgnoreCase))
        {
            var endpoint = string.IsNullOrWhiteSpace(llm.Endpoint) && string.Equals(llm.Provider, LlmProviders.OpenAI, StringComparison.OrdinalIgnoreCase)
                ? "https://api.openai.com/v1"
                : llm.Endpoint;
            if (Absolute(endpoint) is { } url)
            {
                yield return ("Llm:Endpoint", url);
            }
        }
        var embeddings = Bind<EmbeddingOptions>(EmbeddingOptions.SectionName);
        if (embeddings.Provider is EmbeddingProvider.OpenAI or EmbeddingProvider.AzureOpenAI
            && Absolute(string.IsNullOrWhiteSpace(embeddings.Endpoint) ? "https://api.openai.com/v1" : embeddings.Endpoint) is { } embeddingUrl)
        {
            yield return ("Embeddings:Endpoint", embeddingUrl);
        }
        var discord = Bind<DiscordOptions>(DiscordOptions.SectionName);
        if (discord.Enabled && discord.ApiBaseUrl.IsAbsoluteUri)
        {
            yield return ("Discord:ApiBaseUrl", new Uri(discord.ApiBaseUrl.ToString().TrimEnd('/') + "/gateway"));
        }
        var teams = Bind<TeamsOptions>(TeamsOptions.SectionName);
        if (teams.AuthenticationEnabled)
        {
            if (Absolute(teams.OpenIdMetadataUrl) is { } openId)
            {
                yield return ("Teams:OpenIdMetadataUrl", openId);
            }
            if (Absolute(teams.EffectiveTokenEndpoint) is { } token)
            {
                yield return ("Teams:TokenEndpoint", token);
            }
        }
        var fetch = Bind<FetchOptions>(FetchOptions.SectionName);
        if (fetch.HuggingFaceEnabled && Absolute(fetch.HuggingFaceBaseUrl) is { } hf)
        {
            yield return ("Fetch:HuggingFaceBaseUrl", hf);
        }
        if (fetch.ArxivEnabled && Absolute(fetch.ArxivBaseUrl) is { } arxiv)
        {
            yield return ("Fetch:ArxivBaseUrl", arxiv);
        }
    }

    private static Uri? Absolute(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
