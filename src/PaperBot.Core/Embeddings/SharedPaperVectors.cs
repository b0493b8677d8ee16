namespace PaperBot.Core.Embeddings;

/// <summary>One paper's passage vectors (unit length, concatenated), as stored for a model and content hash.</summary>
public sealed record SharedPaperVectors(string ContentHash, string PaperId, int Dimensions, float[] Vectors);
