using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Answering;

/// <summary>
/// A theme typed as a term of the field ("model merging", "neural architecture search") is what the papers writing the
/// term are about: they are listed first and kept in the list, and a theme no paper writes is declined, saying which term
/// the papers lack, however common its words are.
/// </summary>
public sealed class ThemeTermTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Theory]
    [InlineData("neural architecture search - do we have any?", "neural architecture search")]
    [InlineData("what work is there on neural architecture search?", "neural architecture search")]
    [InlineData("neural architecture search papers?", "neural architecture search")]
    [InlineData("sparse autoencoders for finding interpretable features inside LLMs", "sparse autoencoders")]
    [InlineData("is there a paper on neural text-to-speech or voice cloning?", "neural text-to-speech|voice cloning")]
    [InlineData("tree search + llms - what do we have?", "tree search")]
    [InlineData("papers on continual learning: relation extraction, instruction tuning or pre-training", "continual learning")]
    // A verb opens a description, and a verb after a plural noun ends the noun: no term.
    [InlineData("learning robot behaviour from humans (demos or feedback)", "-")]
    [InlineData("papers on getting transformers to handle longer inputs", "-")]
    [InlineData("what's here on annotators disagreeing about labels?", "-")]
    [InlineData("I'm interested in scientific peer review, such as review rebuttals", "-")]
    // One word, or a phrase opened by a stop word, is no term.
    [InlineData("mixture of experts", "-")]
    [InlineData("the alignment faking paper - what do we have?", "-")]
    public void A_theme_is_typed_in_the_terms_that_open_each_alternative(string question, string terms)
    {
        var theme = ThemeTerms.ThemeOf(question);

        Assert.NotNull(theme);
        Assert.Equal(terms, string.Join('|', ThemeTerms.Of(theme).Select(t => t ?? "-").Distinct()));
    }

    [Theory]
    [InlineData("neural architecture search - do we have any?", "neural architecture search")]
    [InlineData("what work is there on neural architecture search?", "neural architecture search")]
    [InlineData("sparse autoencoders for finding interpretable features inside LLMs", "sparse autoencoders")]
    [InlineData("is there a paper on neural text-to-speech or voice cloning?", "neural text-to-speech")]
    public async Task A_theme_no_paper_writes_is_declined_naming_the_term_with_the_closest_papers(string question, string term)
    {
        // Every word of "neural architecture search" is common in the abstracts, so the best paper covered 0.64 of the
        // question and a middling passage answered with three unrelated papers; no abstract writes the words together.
        var answer = (await Respond(question)).Answer;

        Assert.True(answer.Abstained, answer.Text);
        Assert.StartsWith($"No paper in the {answer.PapersSearched} papers mentions {term}", answer.Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Citations);
    }

    [Theory]
    [InlineData("federated or decentralized training - which papers?")]
    [InlineData("anything about scientific peer review (reviews, rebuttals)?")]
    [InlineData("papers about conflicting gradiants between tasks or loss terms?")]
    [InlineData("what papers are there on dialogue systems?")]
    [InlineData("give me an overview of the landscape of mixture-of-experts routing")]
    [InlineData("papers on continual learning: relation extraction, instruction tuning or pre-training")]
    public async Task A_theme_whose_term_the_papers_write_apart_or_narrowed_is_still_answered(string question)
    {
        // "federated training" is written with words between, "scientific peer review" as "peer review", "gradiants" is
        // a slip of a word the papers write: each is on the list.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync(question);

        Assert.False(evidence.Abstained, evidence.Decision.Reason);
    }

    [Fact]
    public async Task The_papers_writing_a_themes_term_are_its_list_not_a_paper_using_its_words_in_another_sense()
    {
        // MergeBERT merges program code ("program merge", "a transformer encoder model") and was listed first for "model
        // merging"; the six papers writing "model merging" are about merging model weights.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("model merging - what do we have?");
        var titles = string.Join(" | ", evidence.Papers.Select(p => p.Paper.Title));

        Assert.True(evidence.Papers.Count >= 6, titles);
        Assert.All(evidence.Papers, p => Assert.Matches(ModelMerging, p.Paper.Title + " " + p.Paper.Abstract));
        Assert.DoesNotContain(evidence.Papers, p => p.Paper.Title.StartsWith("Program Merge Conflict", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_theme_of_a_term_and_a_word_lists_the_papers_writing_the_term()
    {
        // "tree search + llms" was answered with two papers, one of them searching proof trees.
        const string question = "tree search + llms - what do we have?";
        var answer = (await Respond(question)).Answer;
        var writers = (await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync(question)).Ranked
            .Where(h => Regex.IsMatch(h.Paper.Title + " " + h.Paper.Abstract, "(?i)tree search")).Select(h => h.Paper.Id).ToHashSet();

        Assert.True(answer.Citations.Count >= 3, answer.Text);
        Assert.All(answer.Citations, c => Assert.Contains(c.Id, writers));
    }

    [Fact]
    public async Task A_term_narrowed_by_a_word_in_front_lists_the_papers_writing_its_head()
    {
        // Five abstracts write "reward hacking", none "RLHF reward hacking"; the list was six RLHF papers, one of them on
        // reward hacking, since "RLHF" in their titles outweighed the rarer phrase.
        var answer = (await Respond("any papers on RLHF reward hacking?")).Answer;
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("any papers on RLHF reward hacking?");
        var writers = evidence.Ranked.Where(h => Regex.IsMatch(h.Paper.Title + " " + h.Paper.Abstract, "(?i)reward hacking")).Select(h => h.Paper.Id).ToHashSet();

        Assert.True(answer.Citations.Count >= 4, answer.Text);
        Assert.All(answer.Citations, c => Assert.Contains(c.Id, writers));
    }

    [Fact]
    public async Task A_term_the_papers_write_as_an_acronym_is_not_declined_as_absent()
    {
        // The papers write "KTO", never "Kahneman-Tversky optimization" together.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("Kahneman-Tversky optimization with step-level binary feedback for math");

        Assert.False(evidence.Abstained, evidence.Decision.Reason);
        Assert.StartsWith("Step-KTO", evidence.Papers[0].Paper.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_please_is_no_topic_word()
    {
        // "pls" is in no abstract; counted as a topic word it left the best paper a quarter of the question and declined
        // it, with four papers on logical reasoning in the top five.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("logical reasoning / deduction papers pls");

        Assert.False(evidence.Abstained, evidence.Decision.Reason);
        Assert.True(evidence.Papers.Count(p => Regex.IsMatch(p.Paper.Title + " " + p.Paper.Abstract, "(?i)logic|deduct")) >= 3);
    }

    [Fact]
    public async Task A_topic_list_keeps_a_paper_holding_half_the_best_papers_words_when_the_best_holds_little()
    {
        // The best paper (MobileSteward) holds half the question's weight; the list filter asked 0.4 of every other paper
        // and the answer was one paper, to a question asking for the theme's papers.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("agents that operate phones, apps or web pages?");

        Assert.True(evidence.Papers.Count >= 2, string.Join(" | ", evidence.Papers.Select(p => p.Paper.Title)));
        Assert.All(evidence.Papers, p => Assert.Matches("(?i)agent", p.Paper.Title + " " + p.Paper.Abstract));
    }

    [Theory]
    [InlineData("recommend me 3 papers to read on preference optimization", 3)]
    [InlineData("can you suggest two good papers about speculative decoding?", 2)]
    [InlineData("what should I read on model merging?", 4)]
    public async Task A_request_for_papers_to_read_lists_the_papers_on_the_subject_as_many_as_asked(string question, int count)
    {
        // "recommend me 3 papers to read on preference optimization" was answered as one paper (LiPO) in sentences, and
        // "recommend" put a music-recommendation paper in the ranking.
        var answer = (await Respond(question)).Answer;

        Assert.True(count >= 4 ? answer.Citations.Count >= count : answer.Citations.Count == count, answer.Text);
        Assert.Equal(answer.Citations.Count, answer.Sentences.Count);
        Assert.DoesNotContain(answer.Citations, c => c.Title.Contains("Music", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fact_question_about_a_described_paper_is_not_read_as_a_theme()
    {
        // The description "splits self-correction into confidence and critique" is a bare phrase; read as a theme, its
        // opening "splits self-correction" was a term no paper writes, and the authors were answered from the abstract.
        var answer = (await Respond("which authors are behind the study that splits self-correction into confidence and critique?")).Answer;

        Assert.Equal(PaperBot.Core.Answering.AnswerBasis.Metadata, answer.Basis);
        Assert.Contains("Zhe Yang", answer.Text, StringComparison.Ordinal);
    }

    private static readonly Regex ModelMerging = new("(?i)model merging", RegexOptions.CultureInvariant);

    private Task<PaperBot.Core.Answering.ExtractiveResponse> Respond(string question) => corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question);
}
