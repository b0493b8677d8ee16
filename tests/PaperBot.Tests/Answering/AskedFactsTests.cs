using PaperBot.Core.Answering;
using PaperBot.Core.Answering.Composition;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// Every fact a question asks is in its answer: the code link asked beside other things, the listing's facts and the
/// abstract's together, a person's usual co-authors, the top N papers by author count.
/// </summary>
public sealed class AskedFactsTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private async Task<Answer> Ask(string question) => (await corpus.Database.Answerer.RespondAsync(question)).Answer;

    [Theory]
    [InlineData("whats it called, what benchmark, and is there code?", new[] { "whats it called", "what benchmark", "is there code" })]
    [InlineData("the debate paper: which benchmark do they use, and do they release code?", new[] { "which benchmark do they use", "do they release code" })]
    [InlineData("which models did they train from; is the code public?", new[] { "which models did they train from", "is the code public" })]
    public void A_link_asked_without_a_question_word_is_an_ask_of_its_own(string question, string[] asks)
    {
        Assert.Equal(asks, QuestionAsks.Of(question));
        Assert.Equal(AskCue.Link, QuestionAsks.CueOf(asks[^1]) & AskCue.Link);
    }

    [Theory]
    [InlineData("which models did they train, and is there a code generation benchmark?")]
    [InlineData("how well does it do and is there any code completion data?")]
    public void Code_as_a_subject_is_no_link_ask(string question)
    {
        Assert.Single(QuestionAsks.Of(question));
    }

    [Theory]
    [InlineData("whats it called")]
    [InlineData("whats the benchmark called")]
    public void A_name_ask_written_without_the_apostrophe_still_asks_for_a_name(string ask)
    {
        Assert.True(QuestionAsks.CueOf(ask).HasFlag(AskCue.Name));
    }

    [Theory]
    [InlineData("how does it work in a nutshell", true)]
    [InlineData("how does it work", true)]
    [InlineData("what's the trick", true)]
    [InlineData("how does it combine pre-training paradigms", false)]
    public void How_it_works_asks_for_the_method(string ask, bool method)
    {
        Assert.Equal(method, QuestionAsks.CueOf(ask).HasFlag(AskCue.Method));
    }

    [Fact]
    public void A_full_stop_before_a_question_word_cuts_the_description_from_the_asks()
    {
        Assert.Equal(["which platform's posts did they train on", "what was the main failure"],
            QuestionAsks.Of("saw a paper on junk social media posts making LLMs dumber. which platform's posts did they train on, and what was the main failure?"));
    }

    [Theory]
    [InlineData("SuRe - how does it work, and how large are the EM gains?", "answer candidates", "4.6%")]
    [InlineData("RIVAL: what kind of translation does plain RLHF handle badly, and which metric do they add to the reward model?", "colloquial subtitle translation", "BLEU")]
    [InlineData("the LLM brain rot paper: what is the main way the models break, and how much does ARC-Challenge drop?", "thought-skipping", "57.2")]
    public async Task Each_ask_gets_the_sentence_that_answers_it(string question, string first, string second)
    {
        var answer = await Ask(question);

        Assert.Contains(first, answer.Text, StringComparison.Ordinal);
        Assert.Contains(second, answer.Text, StringComparison.Ordinal);
        Assert.All(answer.Citations, c => Assert.Equal(answer.Citations[0].Id, c.Id));
    }

    [Fact]
    public async Task Is_there_code_beside_another_ask_gets_the_papers_code_link()
    {
        var answer = await Ask("the self-reflective debate paper on context reliability: which benchmark do they test on, and is there code?");

        Assert.Contains("ClashEval", answer.Text, StringComparison.Ordinal);
        Assert.Contains("https://github.com/smiles724/Self-Reflective-Debates", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    // Math-Shepherd's listing marks code as available and gives no link; StableMoE's says nothing of code.
    [InlineData("Math-Shepherd: how many problems does it verify, and is there code?", "marks code as available but gives no link")]
    [InlineData("StableMoE: which two training stages does it use, and is there a repo?", "gives no code link")]
    public async Task A_link_asked_of_a_paper_whose_listing_gives_none_is_answered_with_what_the_listing_says(string question, string note)
    {
        var answer = await Ask(question);

        Assert.Contains(answer.Sentences, s => s.Text.Contains(note, StringComparison.Ordinal) && s.Citations.SequenceEqual([1]));
    }

    [Fact]
    public async Task A_fact_question_with_a_content_ask_gets_both_the_listings_fact_and_the_abstracts_sentence()
    {
        var answer = await Ask("the LIONs alignment paper - which base models do they train from, and where's the repo?");

        Assert.Contains("https://github.com/Columbia-NLP-Lab/LionAlignment", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Gemma-2b-base", answer.Text, StringComparison.Ordinal);
        Assert.Equal(AnswerBasis.MetadataAndAbstracts, answer.Basis);
    }

    [Theory]
    [InlineData("the continual relation extraction paper with classifier decomposition: who are the authors and is there a repo?")]
    [InlineData("who wrote the classifier decomposition paper for continual relation extraction, and is there any code?")]
    public async Task Authors_and_a_repo_asked_together_get_both(string question)
    {
        var answer = await Ask(question);

        Assert.Contains("Heming Xia", answer.Text, StringComparison.Ordinal);
        Assert.Contains("https://github.com/hemingkx/CDec", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("github for FedCompass?")]
    [InlineData("repo for FedCompass")]
    public async Task Github_for_a_named_paper_gives_its_link(string question)
    {
        var answer = await Ask(question);

        Assert.Contains("https://github.com/APPFL/FedCompass", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("who does Yifan Song usually write with? list the papers too", "Yifan Song")]
    [InlineData("Peiyi Wang's co-authors", "Peiyi Wang")]
    [InlineData("who has Damai Dai worked with most?", "Damai Dai")]
    public async Task A_persons_usual_co_authors_are_counted_over_their_papers_and_the_papers_listed(string question, string person)
    {
        var store = corpus.Database.Store;
        var ids = store.PaperIdsByAuthor(person);
        var expected = store.GetMany(ids).SelectMany(p => p.Authors.Where(a => a != person).Distinct())
            .GroupBy(a => a).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();

        var response = await corpus.Database.Answerer.RespondAsync(question);

        Assert.Equal(ids.Order(), (response.Retrieval.MatchingIds ?? []).Order());
        Assert.Contains($": {expected.Key} ({expected.Count()})", response.Answer.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Equal(ids.Count, response.Answer.Citations.Count);
    }

    [Theory]
    [InlineData("the 3 papers with the most authors", 3)]
    [InlineData("top 2 papers with the longest author list", 2)]
    public async Task The_top_n_papers_by_author_count_are_n_papers_with_their_counts(string question, int n)
    {
        var counts = corpus.Database.Store.GetMany(AllIds())
            .Where(p => p.AuthorCount is not null).Select(p => p.AuthorCount!.Value).OrderDescending().Take(n).ToList();

        var answer = await Ask(question);

        Assert.Equal(n, answer.Citations.Count);
        for (var i = 0; i < n; i++)
        {
            Assert.Contains($"{counts[i]} authors", answer.Sentences[i + 1].Text, StringComparison.Ordinal);
        }
    }

    private IReadOnlyList<string> AllIds()
    {
        using var connection = corpus.Database.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id FROM papers";
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
