using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Llm;

/// <summary>
/// LLM mode ranks with the embeddings, as the extractive answer does: both take their evidence from
/// <see cref="EvidenceFinder.FindAsync"/>. A real OpenAI-compatible embeddings server and a real chat
/// completions server on loopback.
/// </summary>
public sealed class LlmEmbeddingRankingTests
{
    // Worded so that no keyword is distinctive for the paper: only the embedding ranking puts it first.
    private const string Question = "when someone asks a bot for several things in a single message, break it into separate self-contained requests";
    private const string GoldTitle = "DialogUSR: Complex Dialogue Utterance Splitting and Reformulation for Multiple Intent Detection";

    [Fact]
    public async Task The_llm_prompt_carries_the_paper_only_the_embedding_ranking_finds()
    {
        await using var embeddings = await FakeEmbeddingServer.StartAsync([["multiple intents", "multi-intent", "several things in a single message"]]);
        await using var chat = await FakeChatCompletionsServer.StartAsync();
        chat.ReplyAlways(ScriptedReply.Completion("It splits a multi-intent utterance into single-intent queries [1]."));
        await using var host = LlmTestHost.ForServer(chat,
            ("Embeddings:Provider", "OpenAI"),
            ("Embeddings:Endpoint", embeddings.BaseUrl),
            ("Embeddings:Model", "fake-embed-1"),
            ("Embeddings:BatchSize", "100"));
        await host.Services.GetRequiredService<PaperBot.Core.Embeddings.PaperEmbeddingIndex>().EmbedMissingAsync();

        var answer = await host.Answers.AnswerAsync(Question);

        Assert.Contains(Question, embeddings.Inputs);
        var request = Assert.Single(chat.Requests);
        Assert.Contains($"<paper n=\"1\" id=\"", request.User, StringComparison.Ordinal);
        Assert.Contains(GoldTitle, request.User, StringComparison.Ordinal);
        Assert.Equal("llm", answer.Mode);
        Assert.Equal(GoldTitle, Assert.Single(answer.Citations).Title);
    }

    [Fact]
    public async Task Without_embeddings_the_same_question_does_not_reach_that_paper_in_llm_mode()
    {
        await using var chat = await FakeChatCompletionsServer.StartAsync();
        chat.ReplyAlways(ScriptedReply.Completion("Something else entirely [1]."));
        await using var host = LlmTestHost.ForServer(chat, ("Embeddings:Provider", "None"));

        await host.Answers.AnswerAsync(Question);

        // The control: the prompt's evidence differs only because of the embedding ranking.
        Assert.All(chat.Requests, r => Assert.DoesNotContain(GoldTitle, r.User, StringComparison.Ordinal));
    }
}
