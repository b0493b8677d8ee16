using PaperBot.Core.Papers;

namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// What a paper's listing says of its code, as a sentence of an answer whose abstract gives no link: "is there code?",
/// "where's the repo?" are answered from the listing's link and code flag, saying so, and saying when the listing
/// marks code as available but gives no link.
/// </summary>
public static class ListingCode
{
    public static string Note(Paper paper) => (paper.PrimaryLink, paper.HasCode) switch
    {
        ({ } link, true) => $"The listing links its code: {link}",
        ({ } link, _) => $"The listing gives the link {link}",
        (null, true) => "The listing marks code as available but gives no link.",
        (null, false) => "The listing marks no code as available and gives no link.",
        _ => "The listing gives no code link.",
    };
}
