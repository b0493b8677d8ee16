namespace PaperBot.Core.Chat;

public enum ReplyKind
{
    Answer,
    SearchResults,
    PaperDetails,
    Help,
    /// <summary>The user's input could not be used (unknown paper id, empty query); said kindly.</summary>
    Problem,
}
