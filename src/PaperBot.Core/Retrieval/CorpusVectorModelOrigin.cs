namespace PaperBot.Core.Retrieval;

public enum CorpusVectorModelOrigin
{
    /// <summary>No model yet (nothing searched, or too few papers to learn from).</summary>
    None,
    Trained,
    Loaded,
}
