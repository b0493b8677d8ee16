using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// Metadata questions in the phrasings people use (the issue-11 examples and our own), answered exactly from the
/// real corpus: each expected set is read from the database with plain SQL, not copied from the answer.
/// </summary>
public sealed class QuestionReadingTests(QuestionCorpusFixture corpus) : IClassFixture<QuestionCorpusFixture>
{
    [Theory]
    [InlineData("Which papers in the corpus list Li Dong as an author?")]
    [InlineData("li dong's papers in here?")]
    [InlineData("what's listed with Li Dong among the authors")]
    public Task Framing_words_are_never_a_topic_for_an_author_list(string question) =>
        corpus.AssertExactly(question, "SELECT DISTINCT paper_id FROM paper_authors WHERE name_key = 'lidong'");

    [Fact]
    public Task An_organisation_named_as_a_tag_in_a_field_is_an_organisation_filter() =>
        corpus.AssertExactly("which papers are tagged with microsoft-research in the orgs field?",
            "SELECT DISTINCT paper_id FROM paper_orgs WHERE name_key = 'microsoftresearch'");

    [Fact]
    public async Task A_one_word_organisation_before_papers_keeps_its_filter_with_a_topic()
    {
        var response = await corpus.Respond("which pku papers are about mixture of experts?");

        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        var ids = response.Retrieval.MatchingIds!;
        Assert.NotEmpty(ids);
        var pku = corpus.Ids("SELECT paper_id FROM paper_orgs WHERE name_key = 'pku'").ToHashSet();
        Assert.All(ids, id => Assert.Contains(id, pku));
        Assert.Contains(ids, id => corpus.Database.Store.Get(id)!.Title.Contains("MoE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Latest_paper_on_the_reading_list_is_the_newest_dated_paper()
    {
        var response = await corpus.Respond("latest paper on the reading list");

        var newest = corpus.Ids("SELECT id FROM papers WHERE year_known = 1 ORDER BY date_sort DESC LIMIT 1");
        Assert.Equal(newest, response.Retrieval.MatchingIds);
    }

    [Fact]
    public async Task Earliest_paper_is_the_oldest_with_a_known_year() =>
        Assert.Equal(corpus.Ids("SELECT id FROM papers WHERE year_known = 1 ORDER BY date_sort, seq LIMIT 1"), (await corpus.Respond("what is the earliest paper we have?")).Retrieval.MatchingIds);

    [Fact]
    public Task The_listing_code_flag_is_read_as_the_card_flag() =>
        corpus.AssertExactly("among papers whose listing has a code-availability flag, which one is marked as having code?",
            "SELECT id FROM papers WHERE score IS NOT NULL AND has_code = 1");

    [Fact]
    public Task Upvote_thresholds_are_conditions() =>
        corpus.AssertExactly("papers with at least 3 upvotes", "SELECT id FROM papers WHERE upvotes >= 3");

    [Fact]
    public Task A_half_year_is_a_date_range() =>
        corpus.AssertExactly("what came out in the first half of 2024?", "SELECT id FROM papers WHERE year_known = 1 AND date_sort BETWEEN 20240101 AND 20240631");

    [Fact]
    public async Task Who_wrote_a_named_paper_gives_its_stored_authors_and_says_the_list_is_truncated()
    {
        var response = await corpus.Respond("who wrote StableMoE?");

        var text = response.Answer.Text;
        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.StartsWith("StableMoE", Assert.Single(response.Answer.Citations).Title, StringComparison.Ordinal);
        Assert.Contains("Damai Dai, Li Dong, Shuming Ma et al.", text, StringComparison.Ordinal);
        Assert.Contains("truncates", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Date_of_a_paper_named_loosely_is_its_stored_date()
    {
        var response = await corpus.Respond("what's the date on the alignment faking paper?");

        Assert.Equal("Alignment faking in large language models", Assert.Single(response.Answer.Citations).Title);
        Assert.Contains("Dec 18, 2024", response.Answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Author_count_of_a_paper_listed_only_with_a_count()
    {
        var response = await corpus.Respond("how many authors does the ElasWave paper have?");

        Assert.StartsWith("ElasWave", Assert.Single(response.Answer.Citations).Title, StringComparison.Ordinal);
        Assert.Contains("19 authors", response.Answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_without_a_year_is_said_to_have_none()
    {
        var response = await corpus.Respond("when did the SelfBudgeter paper come out?");

        Assert.Contains("Apr 17", response.Answer.Text, StringComparison.Ordinal);
        Assert.Contains("no year", response.Answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authors_of_a_paper_whose_listing_names_none_are_said_to_be_missing() =>
        Assert.Contains("names no authors", (await corpus.Respond("who are the authors of TrustJudge?")).Answer.Text, StringComparison.Ordinal);

    [Theory]
    [InlineData("summarize the ChronoRAG paper by Dai et al.", "ChronoRAG")]
    [InlineData("summarize HelixPrompt by Nadia Okafor and Lee", "HelixPrompt")]
    [InlineData("what does 'Attention Is All You Need' propose?", "Attention Is All You Need")]
    [InlineData("Consistency-Guided Preference Optimization for Long-Context Retrieval: what do they find?", "Consistency-Guided Preference Optimization for Long-Context Retrieval")]
    [InlineData("who wrote the FlashAttention-3 paper?", "FlashAttention-3")]
    // A name some abstracts write, but only as something they use or beat, is no paper of the corpus.
    [InlineData("how does the GPT-4 paper evaluate safety?", "GPT-4")]
    // A model's name typed in lower case with its version, and a report named with its kind before "paper".
    [InlineData("the llama 2 paper from meta - how many tokens was it pretrained on?", "llama 2")]
    [InlineData("the GPT-4 technical report paper - what did it say about the bar exam?", "GPT-4 technical report")]
    // A quoted title in lower case that no paper writes, even as a phrase.
    [InlineData("summarize \"attention is all you need\"", "attention is all you need")]
    // A lower-case title with a few words of the question's own around it (3; at most 4 are read as the question's).
    [InlineData("what did 'latent lattice prompting for retrieval' find about search depth?", "latent lattice prompting for retrieval")]
    public async Task A_named_paper_the_corpus_lacks_is_said_to_be_absent_with_the_closest_titles(string question, string name)
    {
        var answer = (await corpus.Respond(question)).Answer;

        Assert.True(answer.Abstained);
        var papers = corpus.Database.Store.CountPapers();
        Assert.StartsWith($"No paper titled \"{name}\" is in the {papers} papers", answer.Sentences[0].Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Citations);
    }

    [Theory]
    [InlineData("what's in the version 2 paper on speculative decoding?")]
    [InlineData("who wrote the top 5 paper?")]
    [InlineData("what does the page 2 paper say about alignment?")]
    public async Task A_counted_word_before_a_number_is_no_model_name(string question)
    {
        // "version 2", "top 5", "page 2" read like "llama 2": the answer said No paper titled "version 2".
        var answer = (await corpus.Respond(question)).Answer;

        Assert.DoesNotContain("No paper titled", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("according to the Long-CLIP paper, what's CLIP's text token limit?")]
    [InlineData("how many questions are in CoTErrorSet?")]
    [InlineData("is there a paper that generates code with LLMs?")]
    [InlineData("when is self-correction helpful?")]
    [InlineData("which papers tackle continual relation extraction?")]
    // A run of capitalised words that a paper's abstract writes is a name the corpus uses, not a missing title.
    [InlineData("which paper looks at split votes among judges of the European Court of Human Rights?")]
    // A year and words no paper uses, with nothing asking for a list: not "papers dated 2022 about world".
    [InlineData("who won the 2022 football world cup?")]
    // "first one" orders nothing when a long description asks for no list and sets no other condition.
    [InlineData("having a language model write a second reasoning chain that checks its first one before answering")]
    // Quoted speech is not a title: what someone says, asks, writes or answers (issue 11, session 6).
    [InlineData("do chatbots mix up what someone thinks with what is true, when a person says 'I believe' something untrue?")]
    [InlineData("when a user asks 'since 2+2=5, what is 4+4?', do chatbots go along with the broken premise instead of pointing it out?")]
    [InlineData("a model rationalizes its answer after the user writes 'I think the answer is B'; can training make its reasoning ignore that nudge?")]
    [InlineData("teaching a chatbot to reply 'I don't know' when a question is outside what it learned")]
    // A lower-case quotation an abstract writes is a phrase from a paper, not a missing title.
    [InlineData("why do sequence models that imitate experts 'lack the understanding of the cause and effect of their actions'?")]
    // A lower-case quotation set off inside a long question is a phrase, not a title (held-out-11 h23, h39; session 13).
    [InlineData("what makes a model start 'thinking out loud' for pages and second-guessing itself, and is an imitation warm-up on examples needed first?")]
    [InlineData("Dirichlet-output classifier that separates 'torn between labels' doubt from 'never seen anything like this' doubt, so it can output several labels or refuse")]
    // "the T1 paper": no title holds the name, but an abstract presents it as its own ("we present T1").
    [InlineData("what reward does the T1 paper use?")]
    public void Content_questions_stay_content_questions(string question) =>
        Assert.IsType<QuestionIntent.Content>(corpus.Read(question));

    [Fact]
    public void Leftover_words_the_corpus_lacks_are_no_topic()
    {
        var intent = Assert.IsType<QuestionIntent.ByMetadata>(corpus.Read("newest papers by Damai Dai, zorblatt"));

        Assert.Null(intent.Query.Topic);
        Assert.Equal(MetadataOrder.Newest, intent.Query.Order);
    }
}
