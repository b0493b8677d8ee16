using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Storage;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Answering;

/// <summary>
/// "which papers evaluate on GSM8K?" asks for every paper that writes the name, not for the few a ranking puts first:
/// the answer used to give six papers, the first about entity-linking "NIL mentions" (the word "mention" was searched),
/// four of them without GSM8K, and left out ten that write it.
/// </summary>
public sealed class MentionQuestionTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Theory]
    [InlineData("which papers evaluate on GSM8K?", "GSM8K")]
    [InlineData("which papers are evaluated on the GSM8K benchmark?", "GSM8K")]
    [InlineData("what papers have used MT-Bench", "MT-Bench")]
    [InlineData("papers that use MT-Bench", "MT-Bench")]
    [InlineData("any papers evaluated on AlpacaEval?", "AlpacaEval")]
    [InlineData("anything mentioning Llama-2?", "Llama-2")]
    [InlineData("who uses MMLU?", "MMLU")]
    [InlineData("which papers report results on AlpacaEval 2.0?", "AlpacaEval 2.0")]
    [InlineData("does any paper compare against 'chain of thought'?", "chain of thought")]
    [InlineData("do any papers fine-tune Mistral-7B?", "Mistral-7B")]
    [InlineData("how many papers mention GSM8K?", "GSM8K")]
    [InlineData("how many of the papers evaluate on MT-Bench?", "MT-Bench")]
    public void A_question_after_the_papers_that_write_a_name_gives_the_name(string question, string name) =>
        Assert.Equal(name, MentionQuestion.NameOf(question));

    [Theory]
    [InlineData("which papers use reinforcement learning?")]       // a theme, not a name
    [InlineData("which papers are about GSM8K?")]                  // "about": a topic question
    [InlineData("which papers use GSM8K or MATH?")]                // alternatives: ranked as a theme
    [InlineData("how does Step-DPO use GSM8K?")]                   // about one paper
    [InlineData("what is GSM8K?")]
    [InlineData("which papers use LLM agents?")]                   // a name and a common word: maybe a theme
    [InlineData("which paper uses LLM agents to predict stock prices?")]
    public void Other_questions_give_no_name(string question) =>
        Assert.Null(MentionQuestion.NameOf(question));

    [Fact]
    public async Task Every_paper_that_writes_the_name_is_cited_and_no_other()
    {
        var writing = PapersWriting("gsm8k");
        Assert.True(writing.Count > MaxShownBefore, $"the corpus has {writing.Count} papers writing GSM8K");

        var response = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync("which papers evaluate on GSM8K?");

        Assert.False(response.Answer.Abstained);
        Assert.Equal(writing.OrderBy(id => id), response.Answer.Citations.Select(c => c.Id).OrderBy(id => id));
        Assert.StartsWith($"{writing.Count} of the ", response.Answer.Sentences[0].Text);
        Assert.DoesNotContain(response.Answer.Citations, c => c.Title.Contains("Entity Linking", StringComparison.Ordinal));
    }

    [Fact]
    public async Task How_many_papers_mention_a_name_is_answered_with_their_number_and_the_papers()
    {
        var writing = PapersWriting("gsm8k");

        var response = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync("how many papers mention GSM8K?");

        Assert.StartsWith($"{writing.Count} of the ", response.Answer.Sentences[0].Text);
        Assert.Equal(writing.OrderBy(id => id), response.Answer.Citations.Select(c => c.Id).OrderBy(id => id));
    }

    [Fact]
    public async Task A_few_papers_are_each_shown_with_the_sentence_that_writes_the_name()
    {
        var writing = PapersWriting("mt-bench");
        Assert.InRange(writing.Count, 2, 5);

        var response = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync("papers that use MT-Bench");

        Assert.Equal(writing.OrderBy(id => id), response.Answer.Citations.Select(c => c.Id).OrderBy(id => id));
        var cited = response.Answer.Sentences.Skip(1).ToList();
        Assert.True(cited.Count(s => s.Text.Contains("MT-Bench", StringComparison.OrdinalIgnoreCase)) >= writing.Count - 1,
            string.Join("\n", cited.Select(s => s.Text)));
    }

    // The answer before: six papers.
    private const int MaxShownBefore = 6;

    private List<string> PapersWriting(string lowerCaseName)
    {
        using var connection = corpus.Services.GetRequiredService<SqliteConnectionFactory>().Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id FROM papers WHERE lower(title || ' ' || abstract) LIKE $pattern";
        cmd.Parameters.AddWithValue("$pattern", $"%{lowerCaseName}%");
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
