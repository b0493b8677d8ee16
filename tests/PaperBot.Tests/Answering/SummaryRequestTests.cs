using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Answering;

/// <summary>
/// "tldr of tulu 3", "what's the gist of the DeepSeekMoE paper?": a request for a short account names the paper after
/// its request words. "tldr" and "gist" are written by a few abstracts, so searched as subject words they outweighed the
/// paper's name and the question was declined; and "the gist of the DeepSeekMoE paper" was read as a paper titled
/// "gist of the DeepSeekMoE", which the corpus lacks.
/// </summary>
public sealed class SummaryRequestTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Theory]
    [InlineData("tldr of tulu 3", "tulu 3")]
    [InlineData("tl;dr of the tulu 3 paper", "tulu 3 paper")]
    [InlineData("what's the gist of the DeepSeekMoE paper?", "DeepSeekMoE paper?")]
    [InlineData("give me a quick recap of StableMoE", "StableMoE")]
    [InlineData("a short synopsis of the TRACE benchmark", "TRACE benchmark")]
    // A request word with no subject after it, or a subject word that is no request, stays.
    [InlineData("tldr?", "tldr?")]
    [InlineData("papers that summarize long documents", "papers that summarize long documents")]
    public void A_request_for_a_short_account_is_not_searched(string question, string searched) =>
        Assert.Equal(searched, QuestionFrame.Without(question));

    [Theory]
    [InlineData("gist of the DeepSeekMoE", "DeepSeekMoE")]
    [InlineData("main idea of the ChronoRAG", "ChronoRAG")]
    // A title that writes "the" keeps every word; so does a name with nothing after its "the".
    [InlineData("Lost in the Middle", "Lost in the Middle")]
    [InlineData("StableMoE", "StableMoE")]
    [InlineData("gist of the", "gist of the")]
    public void The_name_in_the_X_paper_follows_the_last_the_of_a_request(string framed, string name) =>
        Assert.Equal(name, QuestionClassifier.AfterInnerThe(framed));

    [Theory]
    [InlineData("tldr of tulu 3", "TÜLU 3")]
    [InlineData("what's the gist of the DeepSeekMoE paper?", "DeepSeekMoE")]
    [InlineData("give me the gist of the DeepSeekMoE paper", "DeepSeekMoE")]
    public async Task A_summary_request_is_answered_from_the_named_paper(string question, string title)
    {
        var response = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question);

        Assert.False(response.Answer.Abstained, response.Answer.Text);
        Assert.StartsWith(title, Assert.Single(response.Answer.Citations).Title);
    }

    [Fact]
    public async Task A_summary_request_for_an_absent_paper_offers_no_papers_on_summaries()
    {
        var response = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync("give me a summary of the ChronoRAG paper");

        Assert.True(response.Answer.Abstained);
        Assert.Contains("No paper titled \"ChronoRAG\"", response.Answer.Text);
        Assert.DoesNotContain(response.Answer.Citations, c => c.Title.Contains("summar", StringComparison.OrdinalIgnoreCase));
    }
}
