using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Host.Cli;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// The lay-term glossary (<c>lay-terms.tsv</c>): a question in chat words ("output layer", "chatbot", "text
/// categoriser") also searches the field's words ("head", "LLM", "classifier"), over the real corpus and model.
/// </summary>
public sealed class LayTermsTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Fact]
    public void A_lay_phrase_bridges_to_the_forms_the_corpus_writes()
    {
        var bridges = LayTerms.Bridges("pairwise judgments as extra supervision for a text categoriser", w => w is "classifier");

        var bridge = Assert.Single(bridges);
        Assert.Equal(["categoriser"], bridge.SourceWords);
        Assert.Equal(["classifier"], bridge.Words);
    }

    // General entries of session 8, written from the corpus's frequent technical terms.
    [Theory]
    [InlineData("benchmarks of trivia for small models", "question answering")]
    [InlineData("a benchmark for the scorers of search-augmented chatbots", "retrieval-augmented")]
    [InlineData("models that say no to harmless requests", "refusal")]
    [InlineData("letting the model think longer on hard problems", "test-time scaling")]
    [InlineData("a model that forgets what it learned when trained on new tasks", "catastrophic forgetting")]
    public void Everyday_phrases_for_the_corpus_frequent_terms_bridge_to_them(string question, string form) =>
        Assert.Contains(LayTerms.Bridges(question, _ => true), b => string.Join(' ', b.Words) == form.Replace('-', ' '));

    [Theory]
    [InlineData("according to the Long-CLIP paper, what is CLIP's token limit?")] // "clips" is video footage; CLIP is a model
    [InlineData("annotators disagreeing about labels")] // "labelers" would stem to "label"
    [InlineData("a chatbot that talks to an LLM")] // the question already writes the technical word
    public void Words_are_matched_as_written_and_a_form_already_in_the_question_adds_nothing(string question) =>
        Assert.DoesNotContain(LayTerms.Bridges(question, _ => true), b => b.Words.SequenceEqual(["video"]) || b.Words.SequenceEqual(["annotators"]) || b.Words.SequenceEqual(["llm"]));

    [Theory]
    [InlineData("how do models rank on the Chatbot Arena leaderboard?", false)] // a name, not a description
    [InlineData("how do chatbots rank against each other?", true)]
    [InlineData("Chatbots that admit they are unsure", true)] // capitalised only because it opens the question
    public void A_phrase_capitalised_as_a_name_is_no_lay_description(string question, bool bridged) =>
        Assert.Equal(bridged, LayTerms.Bridges(question, _ => true).Any(b => b.Words.SequenceEqual(["llm"])));

    [Fact]
    public void A_line_that_is_not_phrase_tab_forms_is_an_error() =>
        Assert.Throws<FormatException>(() => LayTerms.Parse("chatbot llm\n"));

    [Fact]
    public void Every_glossary_line_parses() =>
        Assert.NotEmpty(LayTerms.CandidateWords("a chatbot that writes programs"));

    // dev.jsonl d009: dense ranks "Tint Your Models" (a single task-specific layer per task) level with the gold paper
    // and the keywords never meet "head", the field's word for a small output layer per task.
    private const string OutputLayerQuestion = "in models trained on several datasets with a shared encoder plus a small output layer per dataset, what do the other output layers produce on inputs they weren't trained for?";
    private const string OutputLayerPaper = "What's in your Head? Emergent Behaviour in Multi-Task Transformer Models";

    [Fact]
    public async Task A_question_in_lay_words_finds_the_paper_written_in_the_fields_words()
    {
        var with = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(OutputLayerQuestion);
        await using var without = CliServices.Build(corpus.Services.GetRequiredService<SqliteConnectionFactory>().DatabasePath, verbose: false, [new("Retrieval:LayTermBridges", "false")]);
        var plain = await without.GetRequiredService<ExtractiveAnswerer>().RespondAsync(OutputLayerQuestion);

        Assert.Equal(OutputLayerPaper, with.Retrieval.Hits[0].Paper.Title);
        Assert.NotEqual(OutputLayerPaper, plain.Retrieval.Hits[0].Paper.Title);
    }

    // tuning.jsonl e22: the keywords find the paper through "classifier" (3rd); the model ranks it first only when it
    // reads "classifier" too.
    private const string CategoriserQuestion = "using pairwise judgments of which label fits better as extra supervision for a text categoriser";
    private const string CategoriserPaper = "Prefer to Classify: Improving Text Classifiers via Auxiliary Preference Learning";

    [Fact]
    public async Task The_question_is_embedded_with_the_fields_words_for_its_lay_words()
    {
        var with = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(CategoriserQuestion);
        await using var without = CliServices.Build(corpus.Services.GetRequiredService<SqliteConnectionFactory>().DatabasePath, verbose: false, [new("Retrieval:EmbedLayTerms", "false")]);
        var plain = await without.GetRequiredService<ExtractiveAnswerer>().RespondAsync(CategoriserQuestion);

        Assert.Equal(CategoriserPaper, with.Retrieval.Hits[0].Paper.Title);
        Assert.NotEqual(CategoriserPaper, plain.Retrieval.Hits[0].Paper.Title);
    }

    [Fact]
    public void A_form_the_corpus_writes_everywhere_is_not_embedded()
    {
        var text = corpus.Services.GetRequiredService<PaperSearcher>().DenseQueryText("a chatbot trained as a text categoriser");

        Assert.Contains("classifier", text, StringComparison.Ordinal);
        Assert.DoesNotContain("llm", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Lay_words_are_written_in_place_as_the_field_writes_them_in_its_longest_form() =>
        Assert.Equal("my language model gives different response to the same request",
            LayTerms.InFieldWords("my chatbot gives different replies to the same request", _ => true));

    [Fact]
    public void A_lay_word_none_of_whose_forms_the_corpus_writes_stays_as_written() =>
        Assert.Equal("my chatbot gives different replies",
            LayTerms.InFieldWords("my chatbot gives different replies", w => w is not ("llm" or "language" or "model" or "response")));

    // held-out-12 h34 in other words: "chatbot" read literally puts a paper on dialogue bots' contradicting replies and
    // a retrieval QA paper ahead of the one on judging a passage's usefulness.
    private const string ChatbotQuestion = "can chatbots judge whether a retrieved passage is really useful for the answer, not just on the same subject?";
    private const string UtilityPaper = "Are Large Language Models Good at Utility Judgments?";

    [Fact]
    public async Task The_papers_are_ranked_by_the_question_in_the_fields_words_and_its_closeness_judged_as_written()
    {
        var appended = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(ChatbotQuestion);
        await using var with = CliServices.Build(corpus.Services.GetRequiredService<SqliteConnectionFactory>().DatabasePath, verbose: false, [new("Retrieval:EmbedLayTermsInPlace", "true")]);
        var inPlace = await with.GetRequiredService<ExtractiveAnswerer>().RespondAsync(ChatbotQuestion);

        Assert.Equal(UtilityPaper, inPlace.Retrieval.Hits[0].Paper.Title);
        Assert.NotEqual(UtilityPaper, appended.Retrieval.Hits[0].Paper.Title);
        // "language model" is close to every paper: the closeness the abstention rule reads is the question's own.
        Assert.NotNull(inPlace.Retrieval.BestSimilarity);
        Assert.Equal(appended.Retrieval.BestSimilarity, inPlace.Retrieval.BestSimilarity);
    }

    [Fact]
    public async Task Only_a_question_with_lay_words_is_embedded_twice()
    {
        Assert.Null(corpus.Services.GetRequiredService<PaperSearcher>().DenseQueryTexts("a chatbot trained as a text categoriser").AsWritten);
        await using var with = CliServices.Build(corpus.Services.GetRequiredService<SqliteConnectionFactory>().DatabasePath, verbose: false, [new("Retrieval:EmbedLayTermsInPlace", "true")]);
        var searcher = with.GetRequiredService<PaperSearcher>();

        var (ranked, asWritten) = searcher.DenseQueryTexts("a chatbot trained as a text categoriser");
        Assert.Contains("language model", ranked, StringComparison.Ordinal);
        Assert.Equal(searcher.DenseQueryText("a chatbot trained as a text categoriser"), asWritten);
        Assert.Null(searcher.DenseQueryTexts("speculative decoding with a draft model").AsWritten);
    }
}
