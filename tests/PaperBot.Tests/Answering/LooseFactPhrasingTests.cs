using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// Fact questions phrased loosely: a link or project page asked for ("link to X", "project page of X", "X github?"), a
/// name typed in lower case with a slip ("ouroboros-difusion"), "X authors" with no question mark, a paper described by
/// a gerund clause ("that paper splitting …"), "is the code up somewhere?". Facts are read with SQL.
/// </summary>
public sealed class LooseFactPhrasingTests(QuestionCorpusFixture corpus) : IClassFixture<QuestionCorpusFixture>
{
    private string Id(string titleStart) => corpus.Ids($"SELECT id FROM papers WHERE title LIKE '{titleStart}%'").Single();

    [Theory]
    [InlineData("link to {0}")]
    [InlineData("links for {0}")]
    [InlineData("{0} website?")]
    public async Task A_link_ask_gives_the_listings_links(string shape)
    {
        var id = Id("Goldfish:");
        var link = corpus.Ids($"SELECT json_extract(links_json, '$[0]') FROM papers WHERE id = '{id}'").Single();

        var answer = (await corpus.Respond(string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, "Goldfish"))).Answer;

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal([id], answer.Citations.Select(c => c.Id));
        Assert.Contains(link, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("link to ChronoRAG")]
    [InlineData("links for ChronoRAG")]
    [InlineData("project page of ChronoRAG")]
    [InlineData("ChronoRAG website?")]
    [InlineData("ChronoRAG github?")]
    public async Task A_link_ask_for_a_missing_paper_names_the_paper_without_the_link_words(string question)
    {
        // Before, the ask's own words were read into the name: No paper titled "link ChronoRAG", "ChronoRAG github".
        var answer = (await corpus.Respond(question)).Answer;

        Assert.Contains("No paper titled \"ChronoRAG\"", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("github for Learn to Not Link?")]
    [InlineData("project page of Learn to Not Link")]
    public async Task A_title_ending_in_a_link_word_keeps_it(string question)
    {
        var answer = (await corpus.Respond(question)).Answer;

        Assert.Equal([Id("Learn to Not Link")], answer.Citations.Select(c => c.Id));
    }

    [Fact]
    public async Task A_link_ask_for_a_paper_with_no_link_says_it_has_none()
    {
        var id = Id("StableMoE:");
        Assert.Single(corpus.Ids($"SELECT id FROM papers WHERE id = '{id}' AND links_json = '[]'"));

        var answer = (await corpus.Respond("links for StableMoE")).Answer;

        Assert.Equal([id], answer.Citations.Select(c => c.Id));
        Assert.Contains("gives a link: no project page or code repository is listed", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lower_case_name_with_a_slip_is_found_by_its_title()
    {
        var id = Id("Ouroboros-Diffusion");
        var upvotes = corpus.Ids($"SELECT CAST(upvotes AS TEXT) FROM papers WHERE id = '{id}'").Single();

        var answer = (await corpus.Respond("how many upvotes did ouroboros-difusion get")).Answer;

        Assert.Equal([id], answer.Citations.Select(c => c.Id));
        Assert.Contains($"has {upvotes} upvotes", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slipped_word_whose_stem_changes_when_stemmed_again_is_matched()
    {
        // "diffusion" stems to "diffus", which FTS5 would stem again to "diffu": the title search must get the word.
        var slip = new TitleSlips(corpus.Database.Factory).Find("Ouroboros-Difusion");

        Assert.NotNull(slip);
        Assert.Equal(Id("Ouroboros-Diffusion"), slip.PaperId);
        Assert.Equal("Ouroboros-Diffusion", slip.Meant);
    }

    [Fact]
    public async Task A_name_then_authors_asks_for_the_authors()
    {
        var answer = (await corpus.Respond("giraffe authors")).Answer;

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal([Id("Giraffe:")], answer.Citations.Select(c => c.Id));
    }

    [Fact]
    public async Task A_paper_described_by_a_gerund_clause_is_the_described_paper()
    {
        var id = Id("Confidence v.s. Critique");
        var first = corpus.Ids($"SELECT json_extract(authors_json, '$[0]') FROM papers WHERE id = '{id}'").Single();

        var answer = (await corpus.Respond("whos behind that paper splitting llm self-correction into confidence vs critique?")).Answer;

        Assert.Equal([id], answer.Citations.Select(c => c.Id));
        Assert.Contains(first, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_the_code_up_somewhere_asks_for_the_code()
    {
        var id = Id("Denoising Bottleneck");
        var link = corpus.Ids($"SELECT json_extract(links_json, '$[0]') FROM papers WHERE id = '{id}'").Single();

        var answer = (await corpus.Respond("who did the denoising bottleneck paper for video multimodal fusion, and is the code up somewhere?")).Answer;

        Assert.Contains(link, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LongMemEval github?", PaperFacts.Code)]
    [InlineData("DualMix - is the code up somewhere?", PaperFacts.Code)]
    [InlineData("link to LongMemEval", PaperFacts.Links)]
    [InlineData("project page of Goldfish", PaperFacts.Links)]
    [InlineData("giraffe authors", PaperFacts.Authors)]
    public void Loose_fact_phrasings_ask_their_fact(string question, PaperFacts facts) =>
        Assert.Equal(facts, QuestionClassifier.FactsAsked(question));

    [Fact]
    public void A_cut_derived_title_does_not_end_on_a_function_word()
    {
        var title = DerivedTitle.From("We reveal that low-bit quantization favors undertrained large language models (LLMs) by observing that models with larger sizes or fewer training tokens experience less degradation.");

        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.Equal("(LLMs)", title.TrimEnd('…').Split(' ')[^1]);
    }
}
