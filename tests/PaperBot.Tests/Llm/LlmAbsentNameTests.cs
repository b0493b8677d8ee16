namespace PaperBot.Tests.Llm;

/// <summary>
/// With an LLM configured, a question about something the corpus lacks gets the same decision and the same words as
/// without one: "No paper in the N papers mentions X" for a name no paper writes, "No paper titled X is in the N papers"
/// for a title no paper has (quoted or not), with the closest papers as leads, and the answer model is never asked.
/// A real OpenAI-compatible server on loopback.
/// </summary>
public sealed class LlmAbsentNameTests
{
    [Theory]
    [InlineData("how does AlphaCode generate and filter millions of programs for competitive programming problems?", "AlphaCode")]
    [InlineData("what is toolformer and how does it teach a language model to decide when to call an API?", "toolformer")]
    public async Task A_name_no_paper_mentions_is_declined_as_in_extractive_mode(string question, string name)
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("AlphaCode samples many programs and filters them [1]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(question);

        Assert.Equal(0, server.RequestCount);
        Assert.True(answer.Abstained);
        Assert.StartsWith($"No paper in the {host.Store.CountPapers()} papers mentions {name}", answer.Sentences[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what does 'Attention Is All You Need' propose?", "Attention Is All You Need")]
    [InlineData("Consistency-Guided Preference Optimization for Long-Context Retrieval: what do they find?", "Consistency-Guided Preference Optimization for Long-Context Retrieval")]
    public async Task A_title_no_paper_has_is_said_to_be_absent_with_the_closest_titles(string question, string title)
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        // Whatever the model reads the question as, it never writes the answer.
        server.ReplyAlways(ScriptedReply.Completion("{\"intent\": \"content\"}"));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(question);

        Assert.True(answer.Abstained);
        Assert.StartsWith($"No paper titled \"{title}\" is in the {host.Store.CountPapers()} papers; the closest are:", answer.Sentences[0].Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Citations);
        Assert.All(server.Requests, r => Assert.DoesNotContain("<paper n=", r.User, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_question_near_the_topics_but_on_none_gets_the_same_loose_leads_and_the_model_is_not_asked()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Agents get cheaper with caching [1]."));
        // The decision needs the model's similarities, as on a server whose vectors are computed.
        await using var host = await LlmTestHost.ForServerEmbeddedAsync(server);

        var answer = await host.Answers.AnswerAsync("is there anything on making LLM agents cheaper to run?");

        Assert.Equal(0, server.RequestCount);
        Assert.True(answer.Abstained);
        Assert.StartsWith($"Nothing in the {host.Store.CountPapers()} papers is directly about making LLM agents cheaper to run; these come closest", answer.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Equal(3, answer.Citations.Count);
    }

    [Fact]
    public async Task A_lower_case_model_name_that_is_an_ordinary_word_is_declined_as_in_extractive_mode()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Whisper is trained on 680,000 hours of audio [1]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("how does whisper handle multilingual speech recognition?");

        Assert.Equal(0, server.RequestCount);
        Assert.True(answer.Abstained);
        Assert.StartsWith($"No paper in the {host.Store.CountPapers()} papers mentions whisper", answer.Sentences[0].Text, StringComparison.Ordinal);
    }
}
