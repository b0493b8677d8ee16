using PaperBot.Core.Answering;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// Metadata and fact questions as people type them: a benchmark's year that is no date, a paper called by its
/// benchmark's name or described around a word before "paper", cue words with a slip of the keyboard, organisations given
/// as alternatives with a slash, and a span of years written with a hyphen. Each reading has a phrasing it must take and
/// one it must not. Expected sets come from SQL over the real corpus.
/// </summary>
public sealed class FactQuestionReadingTests(QuestionCorpusFixture corpus) : IClassFixture<QuestionCorpusFixture>
{
    private string TitleOf(QuestionIntent intent) => corpus.Database.Store.Get(Assert.IsType<QuestionIntent.AboutPaper>(intent).PaperId)!.Title;

    [Theory]
    [InlineData("vapo on aime 2024 - what score, which base model, and how many steps to get there?")]
    [InlineData("what did vapo score on aime 2024?")]
    public void A_year_the_corpus_writes_after_a_benchmark_name_is_its_edition_not_a_date(string question) =>
        Assert.IsType<QuestionIntent.Content>(corpus.Read(question));

    [Theory]
    [InlineData("papers from 2024 about reasoning", 20240101)]
    [InlineData("reasoning papers 2024", 20240101)]
    [InlineData("which 2023 papers are about alignment?", 20230101)]
    public void A_year_after_a_word_of_the_question_is_still_a_date(string question, int from) =>
        Assert.Equal(from, Assert.IsType<QuestionIntent.ByMetadata>(corpus.Read(question)).Query.FromDate);

    [Fact]
    public void A_year_after_a_word_that_no_paper_writes_with_it_is_a_date() =>
        Assert.Equal(20240101, DateRangeParser.Parse("what did vapo score on aime 2024?", null, phrase => phrase != "aime 2024")?.From);

    [Fact]
    public void A_framed_name_with_its_kind_is_the_paper_whose_abstract_introduces_it() =>
        Assert.StartsWith("Evaluating the Factual Consistency of Large Language Models",
            TitleOf(corpus.Read("the FIB benchmark paper (factual consistency via news summarization) - where's the code?")));

    [Theory]
    [InlineData("the GPT-4 paper - who wrote it?", "GPT-4")]
    [InlineData("where's the code for the ChronoRAG benchmark paper?", "ChronoRAG benchmark")]
    public void A_framed_name_no_abstract_introduces_is_still_a_missing_paper(string question, string name) =>
        Assert.Equal(name, Assert.IsType<QuestionIntent.MissingPaper>(corpus.Read(question)).PaperName);

    [Fact]
    public void Words_before_paper_and_a_description_after_it_describe_the_paper() =>
        Assert.Contains("P vs NP", Assert.IsType<QuestionIntent.AboutDescribedPaper>(corpus.Read("when was that llm-for-science paper about P vs NP published")).Description);

    [Fact]
    public void A_name_before_paper_keeps_its_missing_title_reading_despite_a_description() =>
        Assert.IsType<QuestionIntent.MissingPaper>(corpus.Read("when was the ChronoRAG paper about temporal retrieval published"));

    [Fact]
    public async Task A_described_paper_gets_its_stored_date()
    {
        var answer = (await corpus.Respond("when was that llm-for-science paper about P vs NP published")).Answer;
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Contains("Sep 11, 2023", answer.Text);
    }

    [Theory]
    [InlineData("who are the authers of StableMoE?", "who are the authors of StableMoE?")]
    [InlineData("how many upvoets did it get", "how many upvotes did it get")]
    [InlineData("when was it pubished", "when was it published")]
    [InlineData("what's the daet on it", "what's the date on it")]
    [InlineData("Authros of StableMoE", "Authors of StableMoE")]
    public void A_cue_word_with_one_slip_is_read_as_the_cue(string written, string read) =>
        Assert.Equal(read, CueWordSlips.Correct(written, _ => false));

    [Theory]
    [InlineData("which data does it use")]
    [InlineData("which mode and which node")]
    [InlineData("which publisher released it")]
    [InlineData("what it publishes")]
    [InlineData("the authors wrote it near the year end")]
    [InlineData("the code and the date")]
    public void Ordinary_words_and_other_forms_of_a_cue_are_left_alone(string question) =>
        Assert.Equal(question, CueWordSlips.Correct(question, _ => false));

    [Fact]
    public void A_word_some_paper_writes_is_never_a_slip() =>
        Assert.Equal("the authers", CueWordSlips.Correct("the authers", word => word == "authers"));

    [Theory]
    [InlineData("who are the authers of StableMoE?")]
    [InlineData("how many upvoets did the internal consistency & self-feedback survey get")]
    public async Task A_fact_question_with_a_slipped_cue_is_answered_from_the_listing(string question)
    {
        var answer = (await corpus.Respond(question)).Answer;
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
    }

    [Fact]
    public Task An_organisation_and_another_spelling_after_a_slash_are_alternatives_not_a_topic() =>
        corpus.AssertExactly("papers from WüNLP / wuerzburg nlp?", "SELECT DISTINCT paper_id FROM paper_orgs WHERE name_key IN ('wünlp', 'wuenlp')");

    [Fact]
    public void Two_organisations_joined_by_a_slash_are_either_one()
    {
        var query = Assert.IsType<QuestionIntent.ByMetadata>(corpus.Read("pku/tsinghua papers on reasoning")).Query;
        Assert.Equal(["pku", "tsinghua"], new[] { query.Org! }.Concat(query.OtherOrgs).Select(o => o.ToLowerInvariant()));
        Assert.True(query.AnyOrg);
        Assert.Equal("reasoning", query.Topic);
    }

    [Fact]
    public void A_slash_between_topic_words_names_no_organisation()
    {
        var query = Assert.IsType<QuestionIntent.ByMetadata>(corpus.Read("pku papers on reward models/preference optimization")).Query;
        Assert.Equal("pku", query.Org, ignoreCase: true);
        Assert.Empty(query.OtherOrgs);
        Assert.Empty(query.Missing);
    }

    [Fact]
    public Task A_span_of_years_written_with_a_hyphen_is_kept_beside_an_author_count() =>
        corpus.AssertExactly("papers from 2022-2023 with more than 8 authors",
            "SELECT id FROM papers WHERE year_known = 1 AND date_sort BETWEEN 20220101 AND 20231231 AND n_authors >= 9");

    [Theory]
    [InlineData("results on the SemEval-2022 task")]
    [InlineData("what is new in GPT-2023-turbo")]
    public void A_year_glued_to_a_name_by_a_hyphen_is_no_span(string question) =>
        Assert.Null(DateRangeParser.Parse(question));

    [Fact]
    public void A_link_to_code_after_a_question_mark_is_an_ask_of_its_own() =>
        Assert.Equal(["how does it make the update conflict-free", "link to code"],
            PaperBot.Core.Answering.Composition.QuestionAsks.Of("ConFIG for PINNs, how does it make the update conflict-free? and link to code?"));

    [Fact]
    public void A_link_to_a_code_benchmark_is_no_link_ask() =>
        Assert.Single(PaperBot.Core.Answering.Composition.QuestionAsks.Of("which models did they test, and a link to code generation benchmarks"));

    [Fact]
    public async Task A_papers_name_only_its_title_gives_is_answered_with_the_title()
    {
        var answer = (await corpus.Respond("the vlm one trained on image triplets (two augmented views of the same image + a similar but different one) with rule-based rl, no human qa pairs. whats it called?")).Answer;
        Assert.Contains("MiCo", answer.Text);
    }

    [Fact]
    public async Task A_name_the_abstract_introduces_is_answered_from_the_abstract()
    {
        var answer = (await corpus.Respond("the paper with the self-taught reasoner exploration study: whats it called?")).Answer;
        var text = answer.Text;
        Assert.Contains("We introduce B-STaR", text);
        Assert.DoesNotContain("It is ", text);
    }

    [Fact]
    public async Task A_name_given_after_its_kind_is_no_name_only_the_title_gives()
    {
        // "… and propose an entity linking dataset NEL that …": the abstract names the dataset, so the title is no answer.
        var answer = (await corpus.Respond("the dataset of entity mentions with no knowledge-base entry - what's it called?")).Answer;
        var text = answer.Text;
        Assert.Contains("dataset NEL", text, StringComparison.Ordinal);
        Assert.DoesNotContain("It is ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the paper with a colab guide for a second chain of thought. name?", new[] { "what is it called" })]
    [InlineData("memory in endless chats, tested on grocery shopping. name + github?", new[] { "what is it called", "where is the code" })]
    [InlineData("the merge conflict transformer - title and code?", new[] { "what is it called", "where is the code" })]
    [InlineData("the merge conflict paper: how accurate is it? name?", new[] { "how accurate is it", "what is it called" })]
    public void Bare_nouns_after_a_description_are_asks(string question, string[] asks) =>
        Assert.Equal(asks, PaperBot.Core.Answering.Composition.QuestionAsks.Of(question));

    [Theory]
    [InlineData("what is the name?")]
    [InlineData("papers with code?")]
    [InlineData("which paper proposes a new benchmark for code")]
    public void A_noun_inside_a_phrase_is_no_bare_ask(string question)
    {
        var asks = PaperBot.Core.Answering.Composition.QuestionAsks.Of(question);
        Assert.DoesNotContain("what is it called", asks);
        Assert.DoesNotContain("where is the code", asks);
    }

    [Fact]
    public async Task A_bare_name_ask_is_answered_with_the_name_and_a_sentence_confirming_the_description()
    {
        // Before: only the sentence matching the description (the Colab guide); the name was never said.
        var answer = (await corpus.Respond("a model reviews its first chain of thought with a second one, prompting only, and there is a colab guide - name?")).Answer;
        var text = answer.Text;
        Assert.Contains("we introduce Multiplex CoT", text, StringComparison.Ordinal);
        Assert.Contains("Google Colab", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_github_ask_is_answered_with_the_abstracts_link()
    {
        var answer = (await corpus.Respond("the llm that keeps its memory over endless chats without finetuning, tested on rock-paper-scissors. name + github?")).Answer;
        var text = answer.Text;
        Assert.Contains("SirLLM", text, StringComparison.Ordinal);
        Assert.Contains("https://github.com/Zoeyyao27/SirLLM", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upvotes and project page for 'A Theoretical Study on Bridging Internal Probability and Self-Consistency'?", PaperFacts.Upvotes | PaperFacts.Links)]
    [InlineData("repo and authors for StableMoE?", PaperFacts.Code | PaperFacts.Authors)]
    [InlineData("date, upvotes and orgs of StableMoE", PaperFacts.Date | PaperFacts.Upvotes | PaperFacts.Orgs)]
    [InlineData("code for the dual reinforcement learning text style transfer paper?", PaperFacts.Code)]
    public void Fact_nouns_joined_before_for_or_of_each_ask_their_fact(string question, PaperFacts facts) =>
        Assert.Equal(facts, QuestionClassifier.FactsAsked(question));

    [Theory]
    [InlineData("papers on code for reasoning")]
    [InlineData("which benchmarks test code of several languages?")]
    public void One_fact_noun_inside_a_question_asks_no_fact(string question) =>
        Assert.Equal(PaperFacts.None, QuestionClassifier.FactsAsked(question));

    [Fact]
    public async Task Two_facts_of_one_paper_name_it_once()
    {
        var answer = (await corpus.Respond("upvotes and project page for 'A Theoretical Study on Bridging Internal Probability and Self-Consistency'?")).Answer;
        var texts = answer.Sentences.Select(s => s.Text).ToList();
        Assert.Equal(2, texts.Count);
        Assert.Contains("6 upvotes", texts[0], StringComparison.Ordinal);
        Assert.Equal("Its listing links to https://wnjxyk.github.io/RPC (it is marked as having code available).", texts[1]);
    }

    [Fact]
    public void A_bare_name_ask_before_a_written_ask_keeps_its_place() =>
        Assert.Equal(["what is it called", "whats the catch they admit"],
            PaperBot.Core.Answering.Composition.QuestionAsks.Of("the decoding-time alignment one with custom rewards - name? and whats the catch they admit"));

    [Theory]
    [InlineData("what did they see happen to exploration over iterations", PaperBot.Core.Answering.Composition.AskCue.Finding)]
    [InlineData("what was the main finding", PaperBot.Core.Answering.Composition.AskCue.Finding)]
    [InlineData("whats the catch they admit at the end", PaperBot.Core.Answering.Composition.AskCue.Limitation)]
    [InlineData("any drawbacks", PaperBot.Core.Answering.Composition.AskCue.Limitation)]
    [InlineData("what does it keep so it can give a model for any trade-off preference", PaperBot.Core.Answering.Composition.AskCue.None)]
    [InlineData("what did they build", PaperBot.Core.Answering.Composition.AskCue.None)]
    public void Finding_and_limitation_asks_are_read_from_their_words(string ask, PaperBot.Core.Answering.Composition.AskCue cue) =>
        Assert.Equal(cue, PaperBot.Core.Answering.Composition.QuestionAsks.CueOf(ask) & (PaperBot.Core.Answering.Composition.AskCue.Finding | PaperBot.Core.Answering.Composition.AskCue.Limitation));

    [Fact]
    public async Task A_finding_ask_gets_the_sentence_saying_what_was_found()
    {
        // The framework's sentence holds "exploration" and "iterations" too; the answer is the one that says what they found.
        var answer = (await corpus.Respond("the self-taught reasoner paper monitoring exploration and exploitation - whats the framework called and what did they see happen to exploration over iterations?")).Answer;
        Assert.Contains("rapidly deteriorate over iterations", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limitation_ask_gets_the_papers_own_limitation_not_the_gap_it_starts_from()
    {
        var answer = (await corpus.Respond("the decoding-time alignment framework with custom rewards and heuristic-guided search - name? and whats the catch they admit?")).Answer;
        var text = answer.Text;
        Assert.Contains("makes decoding slower", text, StringComparison.Ordinal);
        // "… are key limitations" is said of training-time alignment, before DeAL is presented.
        Assert.DoesNotContain("key limitations", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_asked_beside_a_stored_fact_does_not_repeat_the_title()
    {
        var answer = (await corpus.Respond("who wrote the hierarchy-aware prompt tuning paper (HPT), and is there a github?")).Answer;
        var texts = answer.Sentences.Select(s => s.Text).ToList();
        Assert.StartsWith("HPT: Hierarchy-aware Prompt Tuning", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("It has code available (https://github.com/wzh9969/HPT)", texts[^1], StringComparison.Ordinal);
    }
}
