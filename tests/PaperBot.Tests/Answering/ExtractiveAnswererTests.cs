using PaperBot.Core.Answering;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

public sealed class ExtractiveAnswererTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private async Task<Answer> Ask(string question) => (await corpus.Database.Answerer.RespondAsync(question)).Answer;

    [Fact]
    public async Task A_long_metadata_list_shows_25_papers_counts_them_all_and_lays_them_out_as_a_list()
    {
        var response = await corpus.Database.Answerer.RespondAsync("papers from 2024");
        var total = response.Retrieval.MatchingIds!.Count;

        Assert.True(total > 25, $"the corpus has {total} papers dated 2024; the test needs more than 25");
        Assert.Equal(25, response.Retrieval.Hits.Count); // only the papers shown are loaded
        Assert.Equal(response.Retrieval.Hits.Select(h => h.Paper.Id), response.Retrieval.MatchingIds.Take(25));
        Assert.StartsWith($"I found {total} papers dated 2024 (only ", response.Answer.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Equal(25, response.Answer.Citations.Count);

        var lines = PaperBot.Core.Chat.PaperBotAssistant.FromAnswer(response.Answer).ToPlainText().Split('\n');
        // The list is its sources: one numbered line per paper, and no "Sources:" repeating them.
        Assert.Equal(25, lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[\d+\] .+ — [a-z0-9]{6}")));
        Assert.DoesNotContain("Sources:", lines);
        Assert.Contains(lines, l => l.StartsWith($"…and {total - 25} more", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subject_the_corpus_has_but_never_for_what_the_question_narrows_it_to_is_said_before_the_papers()
    {
        // Checked independently of the index: papers on mixture of experts exist, papers on vision exist, none is both.
        var papers = corpus.Database.Store.GetMany(IngestedIds()).Select(p => (p.Id, Text: $"{p.Title} {p.Abstract}")).ToList();
        var moe = papers.Where(p => System.Text.RegularExpressions.Regex.IsMatch(p.Text, @"mixture[- ]of[- ]experts?|\bMoE", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).Select(p => p.Id).ToList();
        var vision = papers.Where(p => System.Text.RegularExpressions.Regex.IsMatch(p.Text, @"\bvision\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).Select(p => p.Id).ToList();
        Assert.NotEmpty(moe);
        Assert.NotEmpty(vision);
        Assert.Empty(moe.Intersect(vision));

        var answer = await Ask("which papers use mixture of experts for vision?");

        Assert.False(answer.Abstained);
        Assert.StartsWith("No paper in the 452 papers is about mixture of experts for vision; these are about mixture of experts:", answer.Text, StringComparison.Ordinal);
        Assert.All(answer.Citations, c => Assert.Contains(c.Id, moe));
        var list = Assert.IsType<PaperBot.Core.Presentation.PaperListBlock>(Assert.Single(PaperBot.Core.Chat.PaperBotAssistant.FromAnswer(answer).Present().Blocks));
        Assert.StartsWith("No paper in the 452 papers is about mixture of experts for vision", list.Lead, StringComparison.Ordinal);
    }

    private IReadOnlyList<string> IngestedIds()
    {
        using var connection = corpus.Database.Factory.Open();
        return SqlIds.Read(connection, "SELECT id FROM papers");
    }

    [Theory]
    [InlineData("which papers use mixture of experts for question answering?")] // MoEBQA is both
    [InlineData("any work on continual learning for relation extraction?")]
    [InlineData("what is the effect of mixture of experts on vision?")] // asks about an effect, not for papers
    public async Task A_qualifier_some_paper_on_the_subject_meets_or_a_question_not_asking_for_papers_gets_no_such_line(string question)
    {
        var answer = await Ask(question);

        Assert.DoesNotContain("these are about", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("which papers tackle continual relation extraction?")]
    [InlineData("how many questions are in CoTErrorSet?")]
    [InlineData("according to the Long-CLIP paper, what's CLIP's text token limit?")]
    [InlineData("what is speculative decoding good for?")]
    public async Task Every_cited_sentence_comes_from_the_abstract_of_the_paper_it_cites(string question)
    {
        var answer = await Ask(question);

        Assert.False(answer.Abstained);
        Assert.Equal(AnswerBasis.Abstracts, answer.Basis);
        Assert.NotEmpty(answer.Sentences);
        foreach (var sentence in answer.Sentences)
        {
            Assert.NotEmpty(sentence.Citations);
            var papers = sentence.Citations.Select(n => corpus.Database.Store.Get(answer.Citations.Single(c => c.N == n).Id)!).ToList();
            // The composer may label a line with the paper's short name ("Step-DPO: we propose…"), drop an opener that only
            // counted on ("Second, we…" → "We…"), or join a sentence to the one it points back to; the words are the abstract's.
            var text = sentence.Text;
            var label = papers.Select(p => PaperBot.Core.Answering.Composition.PaperNames.ShortName(p) ?? p.Title).FirstOrDefault(l => text.StartsWith(l + ": ", StringComparison.Ordinal));
            if (label is not null)
            {
                text = text[(label.Length + 2)..];
            }
            Assert.Contains(text, papers[0].Abstract, StringComparison.OrdinalIgnoreCase);
            // A sentence several papers share (a definition said once) cites them all; each says nearly the same.
            foreach (var other in papers.Skip(1))
            {
                Assert.Contains(PaperBot.Core.Text.SentenceSplitter.Split(other.Abstract),
                    s => PaperBot.Core.Answering.Composition.SentenceHygiene.NearDuplicate(s, text));
            }
        }
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.N));
    }

    [Fact]
    public async Task Fact_question_answer_contains_the_fact()
    {
        var answer = await Ask("how many questions are in CoTErrorSet?");

        Assert.Contains("609,432", answer.Text, StringComparison.Ordinal);
        Assert.Matches(@"\[1\]", answer.Text);
    }

    [Fact]
    public async Task Author_question_lists_every_paper_of_that_author_from_metadata()
    {
        var answer = await Ask("which papers have Fangwei Zhu as an author?");

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(
            ["Chain-of-Thought Tokens are Computer Program Variables", "Language Models Encode the Value of Numbers Linearly", "Learn to Not Link: Exploring NIL Prediction in Entity Linking"],
            answer.Citations.Select(c => c.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Papers_by_a_prolific_author_are_all_listed()
    {
        var answer = await Ask("papers by Damai Dai");

        var expected = corpus.Database.Scalar("SELECT COUNT(DISTINCT paper_id) FROM paper_authors WHERE name_key = 'damaidai'");
        Assert.True(expected >= 10);
        Assert.Equal(expected, answer.Citations.Count);
        Assert.All(answer.Citations, c => Assert.Contains("Damai Dai", corpus.Database.Store.Get(c.Id)!.Authors));
    }

    [Fact]
    public async Task Organisation_question_is_answered_from_metadata()
    {
        var answer = await Ask("what paper is from PatronusAI?");

        var citation = Assert.Single(answer.Citations);
        Assert.StartsWith("MEMTRACK", citation.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Date_question_is_answered_from_the_listing_date()
    {
        var answer = await Ask("when was DialogQAE published");

        Assert.Contains("Dec 14, 2022", answer.Text, StringComparison.Ordinal);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
    }

    [Theory]
    [InlineData("anything on quantum error correction with neural decoders?")]
    [InlineData("Which paper uses LLM agents to predict stock prices?")]
    [InlineData("best sourdough bread recipe for beginners")]
    public async Task Out_of_corpus_questions_are_declined_plainly_naming_how_many_papers_were_searched(string question)
    {
        var answer = await Ask(question);

        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);
        Assert.Contains($"{corpus.Report.Papers} papers", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("???")]
    [InlineData("\"* ^ -:() {}")]
    public async Task Questions_without_words_get_guidance_not_an_error(string question)
    {
        var answer = await Ask(question);

        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);
    }
}
