using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using PaperBot.Core.Answering;
using PaperBot.Core.Llm;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Llm;

/// <summary>Answers through a real OpenAI-compatible server on loopback: grounding, citation checks and the prompt on the wire.</summary>
public sealed class LlmAnswerTests
{
    internal const string Question = "which papers tackle continual relation extraction?";

    [Fact]
    public async Task A_subject_several_papers_treat_gives_the_model_every_paper_the_extractive_answer_would_cite()
    {
        const string subject = "how do reward models get hacked?";
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Policies exploit flaws of the reward [1][2]."));
        await using var host = LlmTestHost.ForServer(server);

        await host.Answers.AnswerAsync(subject);

        var evidence = (await host.Services.GetRequiredService<EvidenceFinder>().FindAsync(subject)).Papers;
        var maxPapers = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnsweringOptions>>().Value.MaxPapers;
        Assert.True(evidence.Count > maxPapers, $"the subject should need more than {maxPapers} papers, got {evidence.Count}");
        var request = Assert.Single(server.Requests);
        for (var i = 0; i < evidence.Count; i++)
        {
            Assert.Contains($"<paper n=\"{i + 1}\" id=\"{evidence[i].Paper.Id}\">", request.User, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_request_carries_the_prompt_files_instructions_and_the_numbered_evidence()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Two papers decompose or augment the classifier to fight forgetting [1][2]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Question);

        var request = Assert.Single(server.Requests);
        Assert.EndsWith("/v1/chat/completions", request.Path, StringComparison.Ordinal);
        Assert.Equal("test-model", request.Json.GetProperty("model").GetString());
        Assert.True(request.Json.TryGetProperty("max_completion_tokens", out var maxTokens) || request.Json.TryGetProperty("max_tokens", out maxTokens), request.Body);
        Assert.Equal(400, maxTokens.GetInt32());
        var promptFile = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "prompts", "answer", "skprompt.txt"));
        Assert.Contains("Everything between <evidence> and </evidence>", promptFile, StringComparison.Ordinal);
        Assert.Contains("Everything between <evidence> and </evidence>", request.System, StringComparison.Ordinal);
        Assert.Contains(ModelReplyChecker.NoAnswerSentinel, request.System, StringComparison.Ordinal);
        var evidence = (await host.Services.GetRequiredService<EvidenceFinder>().FindAsync(Question)).Papers;
        Assert.True(evidence.Count >= 2);
        for (var i = 0; i < evidence.Count; i++)
        {
            Assert.Contains($"<paper n=\"{i + 1}\" id=\"{evidence[i].Paper.Id}\">", request.User, StringComparison.Ordinal);
            Assert.Contains(evidence[i].Paper.Title, request.User, StringComparison.Ordinal);
        }
        Assert.Contains("<question>\n" + Question, request.User.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Equal("llm", answer.Mode);
        Assert.False(answer.Abstained);
        Assert.Equal(AnswerBasis.Abstracts, answer.Basis);
        Assert.Equal([evidence[0].Paper.Id, evidence[1].Paper.Id], answer.Citations.Select(c => c.Id));
        Assert.Equal("Two papers decompose or augment the classifier to fight forgetting. [1][2]", answer.Text);
        Assert.Equal(321, answer.Usage?.PromptTokens);
        Assert.Equal(45, answer.Usage?.CompletionTokens);
        Assert.Equal(1, answer.Usage?.ModelCalls);
    }

    [Fact]
    public async Task An_invented_citation_is_removed_and_the_rest_renumbered()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Classifier decomposition splits the last layer [2]. A survey covers everything [7]. Augmentation helps too [1, 7]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Question);

        var evidence = (await host.Services.GetRequiredService<EvidenceFinder>().FindAsync(Question)).Papers;
        Assert.Equal("llm", answer.Mode);
        Assert.DoesNotContain("[7]", answer.Text, StringComparison.Ordinal);
        // Evidence 2 was cited first, so it becomes [1]; evidence 1 becomes [2]; nothing points at a paper not given.
        Assert.Equal([evidence[1].Paper.Id, evidence[0].Paper.Id], answer.Citations.Select(c => c.Id));
        Assert.Equal([1], answer.Sentences[0].Citations);
        Assert.Empty(answer.Sentences[1].Citations);
        Assert.Equal([2], answer.Sentences[2].Citations);
    }

    [Fact]
    public async Task An_answer_whose_only_citations_are_invented_falls_back_to_the_extractive_answer()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Everything is solved by a paper you were not given [7]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Question);

        Assert.Equal("extractive", answer.Mode);
        Assert.NotEmpty(answer.Citations);
        Assert.Contains("could not be used", answer.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("solved", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_models_no_evidence_sentinel_becomes_a_plain_abstention()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion(ModelReplyChecker.NoAnswerSentinel));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Question);

        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);
        Assert.Equal("llm", answer.Mode);
        Assert.DoesNotContain(ModelReplyChecker.NoAnswerSentinel, answer.Text, StringComparison.Ordinal);
        Assert.Contains("do not answer", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_text_marker_keeps_the_cited_sentences_and_says_the_full_papers_are_needed()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("The abstracts say the decomposition helps [2].\nFULL_TEXT_NEEDED"));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Question);

        Assert.Equal(AnswerBasis.FullTextNeeded, answer.Basis);
        Assert.Equal("The abstracts say the decomposition helps. [1]", answer.Text);
        Assert.Contains("full papers", answer.BasisLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_questions_are_answered_from_the_database_the_model_only_reads_them()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("papers by Damai Dai");

        // The model may read the question (read_question); it is never asked to answer it.
        Assert.All(server.Requests, r => Assert.Contains("<question_text>", r.User, StringComparison.Ordinal));
        Assert.Equal("extractive", answer.Mode);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.NotEmpty(answer.Citations);
    }

    [Fact]
    public async Task The_models_reading_of_a_question_becomes_filters_that_sql_answers()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("```json\n{\"kind\": \"list\", \"org\": \"pku\", \"topic\": \"mixture of experts\", \"with_code\": false}\n```"));
        await using var host = LlmTestHost.ForServer(server);

        // The rules find no organisation in "the Peking University lot"; the model's reading names pku.
        var answer = await host.Answers.AnswerAsync("which mixture of experts papers were published by the Peking University lot?");

        var request = Assert.Single(server.Requests);
        Assert.Contains("You read questions about a collection", request.System, StringComparison.Ordinal);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Citations, c => Assert.Contains("pku", host.Store.Get(c.Id)!.Orgs));
        Assert.Contains(answer.Citations, c => c.Title.Contains("MoE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_aggregate_the_rules_read_is_answered_as_read_not_narrowed_by_the_models_filters()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        // The filters have no sum per name: a model reads "most upvoted author" as the most upvoted paper.
        server.ReplyAlways(ScriptedReply.Completion("{\"kind\": \"list\", \"order\": \"most_upvoted\", \"limit\": 1}"));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("which organisation has the most upvotes?");

        Assert.Empty(server.Requests);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Contains("tie as the most upvoted organisations", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reading_that_names_an_author_the_database_lacks_gives_way_to_the_rules()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("{\"kind\": \"list\", \"author\": \"Damien Day\"}"));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("papers by Damai Dai");

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.True(answer.Citations.Count >= 10);
        Assert.All(answer.Citations, c => Assert.Contains("Damai Dai", host.Store.Get(c.Id)!.Authors));
    }

    [Fact]
    public async Task A_question_with_no_relevant_evidence_abstains_without_calling_the_model()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("what is the best recipe for sourdough bread with rye flour?");

        Assert.Equal(0, server.RequestCount);
        Assert.True(answer.Abstained);
    }

    [Fact]
    public async Task A_long_answer_is_cut_at_a_sentence_boundary()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        var sentence = "Classifier decomposition keeps earlier relations apart from new ones in a separate head [1]. ";
        server.ReplyAlways(ScriptedReply.Completion(string.Concat(Enumerable.Repeat(sentence, 60))));
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxAnswerCharacters", "500"));

        var answer = await host.Answers.AnswerAsync(Question);

        Assert.Equal("llm", answer.Mode);
        Assert.InRange(answer.Sentences.Sum(s => s.Text.Length + 1), 1, 500);
        Assert.All(answer.Sentences, s => Assert.EndsWith(".", s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Streamed_sentences_are_checked_before_they_are_shown()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Decomposition splits the classifier [2]. Made up [9]. Augmentation adds robustness [1]."));
        await using var host = LlmTestHost.ForServer(server);
        var shown = new List<AnswerSentence>();

        var answer = await host.Answers.AnswerAsync(new AnswerRequest(Question) { OnSentence = shown.Add });

        Assert.True(Assert.Single(server.Requests).Streamed);
        Assert.Equal(answer.Sentences, shown);
        Assert.Equal(["Decomposition splits the classifier. [1]", "Made up.", "Augmentation adds robustness. [2]"], shown.Select(s => s.Render()));
        Assert.Equal(2, answer.Citations.Count);
        Assert.Equal("llm", answer.Mode);
    }

    [Fact]
    public async Task A_paper_name_with_one_slip_is_corrected_for_the_model_and_the_answer_says_so_as_the_extractive_one_does()
    {
        const string question = "summarize the Math-Sheperd paper";
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Math-Shepherd scores each step of a solution without human labels [1]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(question);

        var extractive = (await host.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question)).Answer;
        const string note = "Taking \"Math-Sheperd\" as Math-Shepherd.";
        Assert.Equal(note, extractive.Note);
        Assert.Equal("llm", answer.Mode);
        Assert.Equal(note, answer.Note);
        Assert.StartsWith("Math-Shepherd", Assert.Single(answer.Citations).Title, StringComparison.Ordinal);
        Assert.Contains("summarize the Math-Shepherd paper", Assert.Single(server.Requests).User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fallback_after_a_corrected_paper_name_says_both_the_correction_and_why_it_fell_back()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Everything is solved by a paper you were not given [7]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("summarize the Math-Sheperd paper");

        Assert.Equal("extractive", answer.Mode);
        Assert.StartsWith("Taking \"Math-Sheperd\" as Math-Shepherd. The language model's answer could not be used", answer.Note, StringComparison.Ordinal);
        Assert.StartsWith("Math-Shepherd", answer.Citations[0].Title, StringComparison.Ordinal);
    }
}
