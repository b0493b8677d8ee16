using PaperBot.Core.Answering;

namespace PaperBot.Core.Presentation;

/// <summary>
/// Sentences, each with its [n] marks. A paragraph by default; <paramref name="LinePerSentence"/> puts each on its
/// own line (help texts, status lines).
/// </summary>
public sealed record ProseBlock(IReadOnlyList<AnswerSentence> Sentences, bool LinePerSentence = false) : ReplyBlock;
