using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering;

/// <summary>An extractive answer together with the retrieval it was built from, for evaluation and explanations.</summary>
public sealed record ExtractiveResponse(Answer Answer, RetrievedPapers Retrieval);
