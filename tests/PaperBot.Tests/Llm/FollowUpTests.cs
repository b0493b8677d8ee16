using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Conversations;

namespace PaperBot.Tests.Llm;

/// <summary>Follow-ups resolve against the papers cited earlier in the same conversation, with and without a model.</summary>
public sealed class FollowUpTests
{
    private const string Question = LlmAnswerTests.Question;

    [Fact]
    public async Task Without_a_model_ordinals_and_pronouns_resolve_to_the_earlier_citations()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var conversations = host.Conversations;

        var first = await conversations.AnswerAsync(Question, "discord:thread-1");
        var second = await conversations.AnswerAsync("and the second one?", "discord:thread-1");
        var authors = await conversations.AnswerAsync("who wrote it?", "discord:thread-1");
        var newer = await conversations.AnswerAsync("any newer work on that?", "discord:thread-1");

        Assert.True(first.Citations.Count >= 2);
        var secondPaper = first.Citations[1];
        Assert.Equal(secondPaper.Id, Assert.Single(second.Citations).Id);
        Assert.Equal(AnswerBasis.Abstracts, second.Basis);
        Assert.Contains(secondPaper.Title, second.StandaloneQuestion, StringComparison.Ordinal);

        var paper = host.Store.Get(secondPaper.Id)!;
        Assert.Equal(secondPaper.Id, Assert.Single(authors.Citations).Id);
        Assert.Equal(AnswerBasis.Metadata, authors.Basis);
        Assert.All(paper.Authors, a => Assert.Contains(a, authors.Text, StringComparison.Ordinal));

        Assert.Equal(AnswerBasis.Metadata, newer.Basis);
        Assert.NotEmpty(newer.Citations);
        Assert.DoesNotContain(newer.Citations, c => c.Id == secondPaper.Id);
        Assert.All(newer.Citations, c => Assert.NotNull(c.Date));
    }

    [Fact]
    public async Task Conversations_do_not_leak_into_each_other()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());

        var first = await host.Conversations.AnswerAsync(Question, "teams:a");
        var elsewhere = await host.Conversations.AnswerAsync("and the second one?", "teams:b");

        // In another conversation "the second one" refers to nothing, so it is not taken as a follow-up.
        Assert.Null(elsewhere.StandaloneQuestion);
        Assert.False(elsewhere.Citations.Count == 1 && elsewhere.Citations[0].Id == first.Citations[1].Id);
    }

    [Fact]
    public async Task Plural_references_mean_all_the_papers_just_cited()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());

        var first = await host.Conversations.AnswerAsync(Question, "c");
        var when = await host.Conversations.AnswerAsync("when were they published?", "c");

        Assert.Equal(first.Citations.Select(c => c.Id), when.Citations.Select(c => c.Id));
        Assert.Equal(AnswerBasis.Metadata, when.Basis);
    }

    [Fact]
    public async Task With_a_model_the_follow_up_is_rewritten_from_the_history_and_the_referenced_paper_leads_the_evidence()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        await using var host = LlmTestHost.ForServer(server);
        server.ReplyByPrompt(ScriptedReply.Completion("Both papers fight forgetting [1][2]."));
        var first = await host.Conversations.AnswerAsync(Question, "discord:t");
        var secondTitle = first.Citations[1].Title;
        server.ReplyByPrompt(
            answer: ScriptedReply.Completion("It splits the last layer into old and new classifiers [1]."),
            rewrite: ScriptedReply.Completion($"What does the paper \"{secondTitle}\" propose?", promptTokens: 100, completionTokens: 12));

        var followUp = await host.Conversations.AnswerAsync("and the second one?", "discord:t");

        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        var rewrite = requests[1];
        Assert.Contains("standalone question", rewrite.System, StringComparison.Ordinal);
        Assert.Contains("User: " + Question, rewrite.User, StringComparison.Ordinal);
        Assert.Contains("[2] " + secondTitle, rewrite.User, StringComparison.Ordinal);
        Assert.Contains("and the second one?", rewrite.User, StringComparison.Ordinal);
        var answerRequest = requests[2];
        Assert.Contains($"<paper n=\"1\" id=\"{first.Citations[1].Id}\">", answerRequest.User, StringComparison.Ordinal);
        Assert.Contains($"What does the paper \"{secondTitle}\" propose?", answerRequest.User, StringComparison.Ordinal);

        Assert.Equal("llm", followUp.Mode);
        Assert.Equal(first.Citations[1].Id, Assert.Single(followUp.Citations).Id);
        Assert.Equal($"What does the paper \"{secondTitle}\" propose?", followUp.StandaloneQuestion);
        Assert.Equal(2, followUp.Usage?.ModelCalls);
        Assert.Equal(100 + 321, followUp.Usage?.PromptTokens);
    }

    [Fact]
    public async Task With_a_model_metadata_follow_ups_still_come_from_the_database()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        await using var host = LlmTestHost.ForServer(server);
        server.ReplyByPrompt(ScriptedReply.Completion("Both papers fight forgetting [1][2]."));
        var first = await host.Conversations.AnswerAsync(Question, "x");
        var calls = server.RequestCount;

        var authors = await host.Conversations.AnswerAsync("who wrote the second one?", "x");

        Assert.Equal(calls, server.RequestCount);
        Assert.Equal(first.Citations[1].Id, Assert.Single(authors.Citations).Id);
        Assert.Equal(AnswerBasis.Metadata, authors.Basis);
    }

    [Fact]
    public async Task When_the_rewrite_fails_the_rules_still_resolve_the_follow_up()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxRetries", "0"));
        server.ReplyByPrompt(ScriptedReply.Completion("Both papers fight forgetting [1][2]."));
        var first = await host.Conversations.AnswerAsync(Question, "y");
        server.ReplyByPrompt(answer: ScriptedReply.Completion("It decomposes the classifier [1]."), rewrite: ScriptedReply.Error(500));

        var followUp = await host.Conversations.AnswerAsync("and the second one?", "y");

        Assert.Equal("llm", followUp.Mode);
        Assert.Equal(first.Citations[1].Id, Assert.Single(followUp.Citations).Id);
    }

    [Fact]
    public async Task History_older_than_the_retention_age_is_forgotten_and_turns_beyond_the_limit_are_deleted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = LlmTestHost.Create(
            new Dictionary<string, string?> { ["Conversations:MaxAgeHours"] = "2", ["Conversations:MaxTurns"] = "3" },
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));

        await host.Conversations.AnswerAsync(Question, "old");
        clock.Advance(TimeSpan.FromHours(3));
        var late = await host.Conversations.AnswerAsync("and the second one?", "old");
        for (var i = 0; i < 5; i++)
        {
            await host.Conversations.AnswerAsync(Question, "busy");
        }

        Assert.Null(late.StandaloneQuestion);
        var store = host.Services.GetRequiredService<ConversationStore>();
        Assert.Equal(1, store.CountTurns("old"));
        Assert.Equal(3, store.CountTurns("busy"));
    }

    [Fact]
    public async Task The_assistant_passes_the_channels_conversation_id()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var assistant = host.Services.GetRequiredService<PaperBotAssistant>();

        var first = await assistant.HandleAsync(ChatRequest.FromText(Question, "discord:chan:thread", "u1"));
        var second = await assistant.HandleAsync(ChatRequest.FromText("and the second one?", "discord:chan:thread", "u2"));

        Assert.Equal(first.Sources[1].Id, Assert.Single(second.Sources).Id);
    }
}
