using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Text;
using PaperBot.Tests.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// Questions nobody means but anybody can type (`paperbot ask`, a chat message): huge or non-ASCII numbers, only stop
/// words, one very long word, pasted pages. Each is answered as the nearest ordinary question is, without an exception
/// and without work growing faster than the question.
/// </summary>
public sealed class OddQuestionReadingTests(QuestionCorpusFixture corpus) : IClassFixture<QuestionCorpusFixture>
{
    [Theory]
    // Arabic-Indic and full-width digits matched \d and went to int.Parse: FormatException.
    [InlineData("top ٣ papers")]
    [InlineData("papers with over ٣ upvotes")]
    [InlineData("papers with ٣ upvotes")]
    [InlineData("the ٣ latest papers")]
    [InlineData("papers with ３ authors or more")]
    [InlineData("papers from ٢٠٢٤")]
    [InlineData("papers from ２０２３-２０２４")]
    [InlineData("which papers have between ٢ and ٥ authors?")]
    [InlineData("top ٣ authors by upvotes")]
    public async Task Digits_of_another_script_are_read_as_no_number(string question)
    {
        var answer = (await corpus.Respond(question)).Answer;

        Assert.NotEmpty(answer.Sentences);
    }

    [Theory]
    [InlineData("top 99999999999999999999 papers", "99 most upvoted papers")]
    [InlineData("top 500 papers by upvotes", "99 most upvoted papers")]
    [InlineData("top ٣ papers", "most upvoted papers")]
    [InlineData("top 0 papers", "most upvoted papers")]
    [InlineData("top 2024 papers", "top 2024 papers")]
    public void A_huge_or_foreign_number_after_top_is_clamped_or_dropped(string question, string read) =>
        Assert.Equal(read, OrderRequests.Normalise(question));

    [Fact]
    public async Task Top_a_huge_number_of_papers_lists_the_most_upvoted()
    {
        // Before: "I found nothing about that" (the number had more than two digits, so no order was read).
        var answer = (await corpus.Respond("top 99999999999999999999 papers")).Answer;

        Assert.False(answer.Abstained, answer.Text);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Contains("most upvoted", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what is the")]
    [InlineData("and or but")]
    [InlineData("what is this")]
    [InlineData("who are you?")]
    [InlineData("?")]
    public async Task A_question_of_stop_words_only_gets_the_help(string question)
    {
        // "what is the" was answered with B-STaR's abstract, "and or but" with a list of four papers.
        var answer = (await corpus.Respond(question)).Answer;

        Assert.StartsWith("Ask me about the papers, for example:", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Citations);
        Assert.True(answer.Abstained);
    }

    [Theory]
    [InlineData("what's new?")]
    [InlineData("who has the most papers here?")]
    public async Task A_metadata_question_in_stop_words_is_still_answered(string question)
    {
        var answer = (await corpus.Respond(question)).Answer;

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.NotEmpty(answer.Citations);
    }

    [Fact]
    public void The_subjects_of_one_very_long_word_are_read_in_linear_time()
    {
        // "X's" and "X vs" were tried from every letter of the word, each try reading to its end: 6,000 letters took
        // seconds. The result is the same; the time is milliseconds (the bound is generous for a shared machine).
        var word = string.Concat(Enumerable.Repeat("abcdefghij", 600));
        var watch = Stopwatch.StartNew();
        var subjects = NamedTerms.Subjects("what is " + word + "?");
        watch.Stop();

        Assert.Equal(word, Assert.Single(subjects).Written);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"{watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_very_long_name_is_not_looked_up_by_its_slips()
    {
        // Every spelling one slip from a 6,000-letter name (430,000 of them) went to SQLite as parameters: "too many SQL
        // variables", an error instead of an answer.
        Assert.Empty(OneSlip.Variants(new string('a', 6_000)));
        var answer = (await corpus.Respond("what is " + string.Concat(Enumerable.Repeat("Abc", 2000)) + "?")).Answer;

        Assert.True(answer.Abstained, answer.Text);
    }

    [Fact]
    public async Task A_pasted_page_is_read_as_far_as_a_question_goes()
    {
        // 100,000 letters in one token ran for minutes; 10,000 repeated words for seconds.
        var answer = await corpus.Respond(new string('x', 100_000)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(answer.Answer.Abstained);

        var repeated = await corpus.Respond(string.Join(' ', Enumerable.Repeat("speculative decoding", 5_000))).WaitAsync(TimeSpan.FromSeconds(30));
        var once = await corpus.Respond("speculative decoding");
        Assert.Equal(once.Answer.Citations.Select(c => c.Id), repeated.Answer.Citations.Select(c => c.Id));
    }
}

/// <summary>"recommend me N papers to read on X" with an N no list can hold, or written in another script.</summary>
public sealed class OddReadingRequestTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Theory]
    [InlineData("recommend me 99999999999999999999 papers to read on preference optimization")]
    [InlineData("recommend me ٣ papers to read on preference optimization")]
    public async Task A_huge_or_foreign_number_of_papers_to_read_lists_the_papers_on_the_subject(string question)
    {
        // The number failed to parse as an int and was read as one paper: LiPO alone.
        var answer = (await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question)).Answer;

        Assert.False(answer.Abstained, answer.Text);
        Assert.True(answer.Citations.Count(c => c.Title.Contains("Preference", StringComparison.OrdinalIgnoreCase)) >= 3, answer.Text);
    }
}
