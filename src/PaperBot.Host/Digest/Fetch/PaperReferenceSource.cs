namespace PaperBot.Host.Digest.Fetch;

/// <summary>Where <c>paperbot add</c> fetches a paper from: the arXiv API, or Hugging Face's paper pages.</summary>
public enum PaperReferenceSource
{
    Arxiv,
    HuggingFace,
}
