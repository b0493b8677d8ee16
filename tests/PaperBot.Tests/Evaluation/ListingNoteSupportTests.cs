using PaperBot.Core.Answering;
using PaperBot.Core.Papers;
using PaperBot.Host.Evaluation;

namespace PaperBot.Tests.Evaluation;

/// <summary>
/// The evaluation's citation-support check reads a cited sentence against the paper it cites. The metadata answers'
/// own notes about the listing ("the listing truncates the author list, so only these 3 are known") are said by the
/// bot about what the listing shows, not taken from the paper, so they do not count against the sentence; the facts
/// beside them still have to be the paper's.
/// </summary>
public sealed class ListingNoteSupportTests
{
    private static readonly Paper Survey = new()
    {
        Id = "p1",
        Title = "Unlocking Efficiency in Large Language Model Inference: A Comprehensive Survey of Speculative Decoding",
        Abstract = "To mitigate the high inference latency stemming from autoregressive decoding in Large Language Models, "
            + "Speculative Decoding has emerged as a novel decoding paradigm for LLM inference.",
        Authors = ["Heming Xia", "Zhe Yang", "Qingxiu Dong"],
        AuthorsComplete = false,
    };

    private static bool? Supported(Paper paper, string sentence)
    {
        var cited = $"{sentence} [1]";
        return AnswerQuality.Score("who wrote it?", false,
            new SystemResponse([paper.Id], false, cited, [paper.Id]) { Sentences = [(cited, [paper.Id])] },
            [paper.Id], id => id == paper.Id ? paper : null).Supported;
    }

    [Fact]
    public void A_truncated_author_list_with_its_note_is_supported()
    {
        var sentence = MetadataAnswerer.Describe(Survey, PaperFacts.Authors);
        Assert.Contains("the listing truncates the author list", sentence, StringComparison.Ordinal);

        Assert.True(Supported(Survey, sentence));
    }

    private static readonly Paper WithCode = new()
    {
        Id = "p2",
        Title = "Cautious Next Token Prediction",
        Abstract = "We propose a training-free decoding strategy.",
        Links = ["https://github.com/wyzjack/CautiousNextTokenPrediction"],
        HasCode = true,
        AuthorCount = 10,
        Date = new PaperDate(2025, 7, 3),
    };

    [Fact]
    public void A_list_line_with_the_papers_own_code_link_and_author_count_is_supported() =>
        Assert.True(Supported(WithCode, "Cautious Next Token Prediction (10 authors; Jul 3, 2025; code: https://github.com/wyzjack/CautiousNextTokenPrediction)"));

    [Fact]
    public void A_code_link_the_paper_does_not_give_is_unsupported() =>
        Assert.False(Supported(WithCode, "Cautious Next Token Prediction (code: https://gitlab.example.org/someone/unrelated-thing)"));

    [Fact]
    public void Names_the_paper_does_not_list_are_unsupported_beside_the_note() =>
        Assert.False(Supported(Survey, $"{Survey.Title} is by Alice Moreau, Kenji Ito, Priya Raman et al.; the listing truncates the author list, so only these 3 are known."));

    [Fact]
    public void A_claim_the_abstract_does_not_make_is_unsupported_beside_the_note() =>
        Assert.False(Supported(Survey, "The survey benchmarks robotic grasping controllers on warehouse shelves; the listing gives no year."));

    public static TheoryData<string, PaperFacts> Notes => new()
    {
        { "truncated", PaperFacts.AuthorCount },
        { "truncated, with a count", PaperFacts.Authors },
        { "truncated, with a count", PaperFacts.AuthorCount },
        { "no authors, a count", PaperFacts.Authors },
        { "no authors, a count", PaperFacts.AuthorCount },
        { "nothing listed", PaperFacts.Authors },
        { "nothing listed", PaperFacts.AuthorCount },
        { "nothing listed", PaperFacts.Date },
        { "nothing listed", PaperFacts.Orgs },
        { "nothing listed", PaperFacts.Upvotes },
        { "nothing listed", PaperFacts.Code },
        { "no year, no code", PaperFacts.Date },
        { "no year, no code", PaperFacts.Code },
    };

    /// <summary>Every sentence the metadata answerer writes about a fact the listing truncates or lacks, notes and all.</summary>
    [Theory]
    [MemberData(nameof(Notes))]
    public void Every_fact_sentence_about_a_truncated_or_missing_listing_fact_is_supported(string listing, PaperFacts fact)
    {
        var paper = listing switch
        {
            "truncated" => Survey,
            "truncated, with a count" => Survey with { AuthorCount = 12 },
            "no authors, a count" => Survey with { Authors = [], AuthorsComplete = null, AuthorCount = 7 },
            "nothing listed" => Survey with { Authors = [], AuthorsComplete = null },
            _ => Survey with { Date = new PaperDate(null, 4, 17), HasCode = false },
        };

        Assert.True(Supported(paper, MetadataAnswerer.Describe(paper, fact)), MetadataAnswerer.Describe(paper, fact));
    }
}
