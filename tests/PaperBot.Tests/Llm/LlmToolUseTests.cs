using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Llm;

namespace PaperBot.Tests.Llm;

/// <summary>
/// LLM mode as a tool user: for multi-step questions the model calls the corpus functions through Semantic Kernel's
/// automatic function calling, against a real OpenAI-compatible server on loopback whose scripted model sends real
/// <c>tool_calls</c>, reads the function results it is sent back and then answers; every failure falls back.
/// </summary>
public sealed partial class LlmToolUseTests
{
    private const string Compare = "compare Step-DPO and Full-Step-DPO";
    private const string StableMoE = "veugpx";

    private static readonly string[] CorpusFunctions = ["corpus-search_papers", "corpus-find_papers", "corpus-get_paper"];

    [Fact]
    public async Task A_comparison_offers_the_corpus_functions_and_the_answer_may_cite_a_paper_a_function_returned()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.Script((request, _) => request.ToolResults.Count == 0
            ? ScriptedReply.ToolCalls(("corpus-get_paper", """{"paper": "StableMoE"}"""))
            : ScriptedReply.Completion($"Step-DPO optimises single reasoning steps [1]. StableMoE is unrelated routing work [{NumberIn(request, StableMoE)}]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Compare);

        Assert.Equal(2, server.RequestCount);
        var first = server.Requests[0];
        Assert.Equal(CorpusFunctions.Order(), first.ToolNames.Order());
        Assert.Equal("auto", first.Json.GetProperty("tool_choice").GetString());
        Assert.Contains("corpus-search_papers finds papers", first.System, StringComparison.Ordinal);
        Assert.Contains("<kind>compare</kind>", first.User, StringComparison.Ordinal);
        var result = Assert.Single(server.Requests[1].ToolResults);
        Assert.Contains($"id=\"{StableMoE}\"", result, StringComparison.Ordinal);
        Assert.Contains("StableMoE: Stable Routing Strategy", result, StringComparison.Ordinal);

        Assert.Equal("llm", answer.Mode);
        Assert.Null(answer.Note);
        Assert.Equal(2, answer.Citations.Count);
        Assert.Equal(StableMoE, answer.Citations[1].Id);
        Assert.Equal([2], answer.Sentences[1].Citations);
        Assert.Equal(2, answer.Usage?.ModelCalls);
        Assert.Equal(200 + 321, answer.Usage?.PromptTokens);
    }

    [Fact]
    public async Task A_follow_up_about_an_earlier_paper_may_fetch_another_paper_and_cite_it()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        await using var host = LlmTestHost.ForServer(server);
        server.Script((request, _) => request.System.Contains("standalone question", StringComparison.Ordinal)
            ? ScriptedReply.Completion("How does Step-DPO compare with process reward models?")
            : request.User.Contains("<kind>compare</kind>", StringComparison.Ordinal)
                ? ScriptedReply.Completion("Step-DPO treats reasoning steps as units [1]. Full-Step-DPO rewards every step [2].")
                : request.ToolResults.Count == 0
                    ? ScriptedReply.ToolCalls(("corpus-get_paper", """{"paper": "Math-Shepherd"}"""))
                    : ScriptedReply.Completion($"Step-DPO optimises the first wrong step [1]; Math-Shepherd scores every step with a process reward model [{NumberIn(request, "3htjpm")}]."));

        var before = await host.Conversations.AnswerAsync(Compare, "tools-chat");
        var answer = await host.Conversations.AnswerAsync("how does the first one compare with process reward models?", "tools-chat");

        // "the first one" is the first paper the last answer cited; it leads the evidence as paper 1.
        var first = before.Citations[0].Id;
        var asked = server.Requests.Last(r => r.ToolNames.Count > 0 && r.ToolResults.Count == 0);
        Assert.Contains("<kind>follow-up, compare</kind>", asked.User, StringComparison.Ordinal);
        Assert.Equal(1, NumberIn(asked, first));
        Assert.Contains("id=\"3htjpm\"", server.Requests[^1].ToolResults.Single(), StringComparison.Ordinal);
        Assert.Equal("llm", answer.Mode);
        Assert.Equal([first, "3htjpm"], answer.Citations.Select(c => c.Id));
    }

    [Fact]
    public async Task A_question_about_what_an_authors_papers_say_starts_from_the_exact_list_and_may_find_more()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.Script((request, _) => request.System.Contains("You read questions", StringComparison.Ordinal)
            ? ScriptedReply.Completion("{\"kind\": \"list\", \"author\": \"Damai Dai\", \"topic\": \"mixture of experts routing\"}")
            : request.ToolResults.Count == 0
                ? ScriptedReply.ToolCalls(("corpus-find_papers", """{"author": "Damai Dai", "topic": "mixture of experts"}"""))
                : ScriptedReply.Completion("StableMoE fixes routing fluctuation in two stages [1]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("what did Damai Dai find about mixture of experts routing?");

        var asked = server.Requests.First(r => r.ToolNames.Count > 0);
        Assert.Contains("<kind>finding</kind>", asked.User, StringComparison.Ordinal);
        Assert.Contains($"id=\"{StableMoE}\"", asked.User, StringComparison.Ordinal);
        var result = server.Requests[^1].ToolResults.Single();
        Assert.StartsWith("Papers with Damai Dai as an author, about \"mixture of experts\"", result, StringComparison.Ordinal);
        var store = host.Store;
        foreach (Match paper in PaperTag().Matches(result))
        {
            Assert.Contains("Damai Dai", store.Get(paper.Groups["id"].Value)!.Authors);
        }
        Assert.Equal("llm", answer.Mode);
        Assert.Contains("Damai Dai", store.Get(Assert.Single(answer.Citations).Id)!.Authors);
    }

    [Fact]
    public async Task A_single_step_question_is_not_offered_the_functions_but_gets_its_kind()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Two papers decompose or augment the classifier [1][2]."));
        await using var host = LlmTestHost.ForServer(server);

        await host.Answers.AnswerAsync(LlmAnswerTests.Question);

        var request = Assert.Single(server.Requests);
        Assert.Empty(request.ToolNames);
        Assert.Contains("<kind>topic</kind>", request.User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_functions_are_offered_when_MaxToolSteps_is_zero()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Step-DPO works per step [1]; Full-Step-DPO rewards all steps [2]."));
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxToolSteps", "0"));

        var answer = await host.Answers.AnswerAsync(Compare);

        Assert.Empty(Assert.Single(server.Requests).ToolNames);
        Assert.Equal("llm", answer.Mode);
    }

    [Fact]
    public async Task A_citation_of_a_paper_nobody_returned_is_removed()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.Script((request, _) => request.ToolResults.Count == 0
            ? ScriptedReply.ToolCalls(("corpus-get_paper", """{"paper": "StableMoE"}"""))
            : ScriptedReply.Completion($"Step-DPO works per step [{NumberIn(request, "dhxzs6")}]. A paper the model imagined [17]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Compare);

        Assert.Equal("llm", answer.Mode);
        Assert.DoesNotContain("[17]", answer.Text, StringComparison.Ordinal);
        Assert.Equal("dhxzs6", Assert.Single(answer.Citations).Id);
    }

    [Fact]
    public async Task An_answer_citing_only_papers_nobody_returned_falls_back()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.Script((request, _) => request.ToolResults.Count == 0
            ? ScriptedReply.ToolCalls(("corpus-search_papers", """{"query": "preference optimisation"}"""))
            : ScriptedReply.Completion("Everything was solved long ago [23]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Compare);

        Assert.Equal("extractive", answer.Mode);
        Assert.Contains("could not be used", answer.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("solved", answer.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadCalls() => new()
    {
        { "corpus-delete_papers", """{"paper": "StableMoE"}""", "a function that does not exist (corpus-delete_papers)" },
        { "shell", """{"command": "ls"}""", "a function that does not exist (shell)" },
        { "corpus-get_paper", """{"paper": "StableMoE" """, "arguments for get_paper were not valid JSON" },
        { "corpus-get_paper", """{"title": "StableMoE"}""", "the function get_paper failed with the model's arguments" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task A_bad_function_call_falls_back_to_the_extractive_answer(string name, string arguments, string problem)
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.Script((request, _) => request.ToolResults.Count == 0
            ? ScriptedReply.ToolCalls((name, arguments))
            : ScriptedReply.Completion("Step-DPO works per step [1]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Compare);

        Assert.Equal("extractive", answer.Mode);
        Assert.Contains(problem, answer.Note, StringComparison.Ordinal);
        Assert.StartsWith("The language model's use of the corpus functions failed", answer.Note, StringComparison.Ordinal);
        Assert.Contains(answer.Citations, c => c.Id == "dhxzs6");
    }

    [Fact]
    public async Task A_model_that_keeps_calling_functions_is_stopped_after_MaxToolSteps_rounds()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.ToolCalls(("corpus-search_papers", """{"query": "preference optimisation"}""")));
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxToolSteps", "2"));

        var answer = await host.Answers.AnswerAsync(Compare);

        // Two rounds of calls are answered; the third request for functions ends the loop without running them.
        Assert.Equal(3, server.RequestCount);
        Assert.Equal(2, server.Requests[^1].ToolResults.Count);
        Assert.Equal("extractive", answer.Mode);
        Assert.Contains("asked for functions in more than 2 rounds", answer.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_after_a_function_call_falls_back()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.Script((request, _) => request.ToolResults.Count == 0
            ? ScriptedReply.ToolCalls(("corpus-get_paper", """{"paper": "StableMoE"}"""))
            : ScriptedReply.Error(503));
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxRetries", "0"));

        var answer = await host.Answers.AnswerAsync(Compare);

        Assert.Equal(2, server.RequestCount);
        Assert.Equal("extractive", answer.Mode);
        Assert.Equal("The language model failed, so this is the extractive answer.", answer.Note);
    }

    [Fact]
    public async Task The_timeout_covers_every_round_of_function_calls()
    {
        // On a fake clock shared by the app and the model: the first round takes 10 s, the second would take 60 s, the
        // timeout is 12 s. Covering every round, it ends the answer at 12 s; a timeout per round would end it at 22 s.
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.Script((request, _) => request.ToolResults.Count == 0
            ? ScriptedReply.ToolCalls(("corpus-get_paper", """{"paper": "StableMoE"}""")) with { Delay = TimeSpan.FromSeconds(10) }
            : ScriptedReply.Completion("Too late [1].") with { Delay = TimeSpan.FromSeconds(60) });
        await using var host = LlmTestHost.ForServer(server, time, ("Llm:TimeoutSeconds", "12"));

        var answering = host.Answers.AnswerAsync(Compare);
        // The clock moves only while the model holds a reply (never before a request has arrived, however slow the
        // machine) and stops once the client has hung up on the second round.
        await Eventually.TrueAsync(() => server.AbortedCount == 1, () => "the client to give up on the second round",
            eachRound: () =>
            {
                if (server.Holding > 0)
                {
                    time.Advance(TimeSpan.FromMilliseconds(50));
                }
            });
        var answer = await answering.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.InRange(time.GetUtcNow() - start, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(21));
        Assert.Equal(2, server.RequestCount);
        Assert.Equal("extractive", answer.Mode);
        Assert.Equal("The language model did not answer in time, so this is the extractive answer.", answer.Note);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    public void MaxToolSteps_out_of_range_fails_at_start_up(string steps)
    {
        var error = Assert.Throws<OptionsValidationException>(() => LlmTestHost.Create(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai-compatible",
            ["Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Llm:Model"] = "m",
            ["Llm:MaxToolSteps"] = steps,
        }));

        Assert.Contains("MaxToolSteps", string.Join("; ", error.Failures), StringComparison.Ordinal);
    }

    /// <summary>The number the evidence or a function gave a paper, read from the request as a model would read it.</summary>
    private static int NumberIn(RecordedRequest request, string id)
    {
        foreach (var result in request.ToolResults.Prepend(request.User))
        {
            foreach (Match paper in PaperTag().Matches(result))
            {
                if (paper.Groups["id"].Value == id)
                {
                    return int.Parse(paper.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        throw new InvalidOperationException($"No function returned {id}: {JsonSerializer.Serialize(request.ToolResults)}");
    }

    [GeneratedRegex("<paper n=\"(?<n>\\d+)\" id=\"(?<id>[^\"]+)\">")]
    private static partial Regex PaperTag();
}
