using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Core.Answering;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Llm;

/// <summary>
/// With a model configured, the <c>read_question</c> prompt turns a metadata question into filters that SQL answers,
/// and the rule-based reading stands whenever the model's reading is malformed, slow, failing or not borne out by the
/// database. Every model here is the loopback chat-completions server.
/// </summary>
public sealed class LlmQuestionReadingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<string> Ids(LlmTestHost host, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.Folder, "paperbot.db")}");
        connection.Open();
        return SqlIds.Read(connection, sql);
    }

    private static string DamaiDai => "SELECT DISTINCT paper_id FROM paper_authors WHERE name_key = 'damaidai'";

    [Fact]
    public async Task A_reading_of_one_named_paper_gives_its_stored_facts()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "paper", "paper": "Japanese Language Model and Three New Evaluation Benchmarks for Pharmaceutical NLP", "facts": ["author_count"]}"""));
        await using var host = LlmTestHost.ForServer(server);

        // The rules find no title in "the pharma benchmarks paper from Japan"; the model names it.
        var answer = await host.Answers.AnswerAsync("how many authors wrote the pharma benchmarks paper from Japan?");

        var request = Assert.Single(server.Requests);
        Assert.Contains("<question_text>", request.User, StringComparison.Ordinal);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.StartsWith("A Japanese Language Model", Assert.Single(answer.Citations).Title, StringComparison.Ordinal);
        Assert.Contains("5 authors", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reading_with_two_authors_lists_the_papers_they_share()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "author": "Qingxiu Dong", "other_authors": ["li dong"], "topic": null}"""));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("what did Qingxiu and Li Dong publish together?");

        var shared = Ids(host, """
            SELECT a.paper_id FROM paper_authors a JOIN paper_authors b ON b.paper_id = a.paper_id
            WHERE a.name_key = 'qingxiudong' AND b.name_key = 'lidong'
            """);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(shared.Order(StringComparer.Ordinal), answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Words_about_the_collection_in_the_models_topic_are_no_topic()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "org": "pku", "topic": "papers in the reading list"}"""));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("anything the pku lab published on the reading list?");

        var pku = Ids(host, "SELECT DISTINCT paper_id FROM paper_orgs WHERE name_key = 'pku'");
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.StartsWith($"I found {pku.Count} papers from pku:", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\": \"list\", \"author\": \"Damai")]
    [InlineData("{\"kind\": \"list\", \"author\": \"Damai Dai\", \"limit\": \"five\"}")]
    [InlineData("Sure! The question is about Damai Dai's papers.")]
    [InlineData("{\"kind\": \"list\", \"author\": \"Damien Day\"}")]
    public async Task A_malformed_or_unfounded_reading_leaves_the_rules_reading(string reply)
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion(reply));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("papers by Damai Dai");

        Assert.Equal(1, server.RequestCount);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, DamaiDai).Order(StringComparer.Ordinal), answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failing_model_leaves_the_rules_reading()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.ReplyAlways(ScriptedReply.Error(500));
        await using var host = LlmTestHost.ForServer(server, time, ("Llm:MaxRetries", "1"), ("Llm:TimeoutSeconds", "60"));

        var answering = host.Answers.AnswerAsync("papers by Damai Dai");
        await Eventually.TrueAsync(() => server.RequestCount == 2 || answering.IsCompleted, () => "the retry", eachRound: () => time.Advance(TimeSpan.FromMilliseconds(50)));
        var answer = await answering.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, DamaiDai).Order(StringComparer.Ordinal), answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_slow_model_leaves_the_rules_reading_within_its_share_of_the_budget()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "content"}""") with { Delay = TimeSpan.FromSeconds(30) });
        await using var host = LlmTestHost.ForServer(server, time, ("Llm:TimeoutSeconds", "3"));

        var answering = host.Answers.AnswerAsync("papers by Damai Dai");
        // The clock moves only while the model holds its reply, so what runs out is the reading's share (a third).
        await Eventually.TrueAsync(() => server.AbortedCount == 1, () => "the client to give up on the slow reading",
            eachRound: () =>
            {
                if (server.Holding > 0)
                {
                    time.Advance(TimeSpan.FromMilliseconds(50));
                }
            });
        var answer = await answering.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.InRange(time.GetUtcNow() - Start, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, DamaiDai).Order(StringComparer.Ordinal), answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reading_joined_by_or_lists_the_papers_of_either_and_says_which_name_no_listing_has()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "author": "Li Dong", "other_authors": ["Furu Wei"], "authors_join": "or"}"""));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("anything from Li Dong or Furu Wei?");

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, "SELECT DISTINCT paper_id FROM paper_authors WHERE name_key = 'lidong'").Order(StringComparer.Ordinal),
            answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Contains("lists Furu Wei as an author", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reading_of_an_upvote_count_is_that_count_exactly()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "min_upvotes": 3, "max_upvotes": 3, "order": null}"""));
        await using var host = LlmTestHost.ForServer(server);

        // The rules read "3 upvotes" and "three upvotes"; this phrasing is the model's to read.
        var answer = await host.Answers.AnswerAsync("papers whose upvote count is exactly three");

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, "SELECT id FROM papers WHERE upvotes = 3").Order(StringComparer.Ordinal), answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reading_of_an_organisation_no_listing_has_is_answered_as_absent()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "org": "Anthropic", "topic": "constitutional training"}"""));
        await using var host = LlmTestHost.ForServer(server);

        // The rules see no organisation's place here; the model does.
        var answer = await host.Answers.AnswerAsync("any constitutional training papers Anthropic has released?");

        // Nothing is answered as Anthropic's papers; the few whose abstracts mention the name are offered as leads,
        // as the rule-based reading does (session 10).
        var mentioning = Ids(host, "SELECT p.id FROM papers p WHERE p.seq IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH '{title abstract} : anthropic')");
        Assert.InRange(mentioning.Count, 1, 10);
        Assert.True(answer.Abstained);
        Assert.Equal(mentioning.Order(StringComparer.Ordinal), answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.StartsWith($"No paper in the {host.Store.CountPapers()} papers lists Anthropic as an organisation", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\": \"list\", \"author\": \"Heming Xia\", \"other_authors\": [\"Yifan")]
    [InlineData("{\"kind\": \"list\", \"author\": \"Heming Xia\", \"other_authors\": \"Yifan Song\"}")]
    [InlineData("{\"kind\": \"list\", \"author\": \"Heming Xia\", \"other_authors\": [\"Yifan Sun\"], \"authors_join\": \"or\"}")]
    public async Task A_malformed_or_invented_or_reading_leaves_the_rules_union(string reply)
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion(reply));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("papers by Heming Xia or Yifan Song");

        Assert.Equal(1, server.RequestCount);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, "SELECT DISTINCT paper_id FROM paper_authors WHERE name_key IN ('hemingxia', 'yifansong')").Order(StringComparer.Ordinal),
            answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reading_of_organisations_joined_by_and_lists_the_papers_of_either_and_says_so()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "org": "cmu", "other_orgs": ["baidu"], "orgs_join": "and"}"""));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("cmu and baidu stuff?");

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, "SELECT DISTINCT paper_id FROM paper_orgs WHERE name_key IN ('cmu', 'baidu')").Order(StringComparer.Ordinal),
            answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Contains("I read \"cmu and baidu\" as the papers of any of them; none lists both.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reading_of_the_newest_paper_overall_or_of_papers_without_code_is_answered_by_sql()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "order": "newest", "limit": 1}"""));
        await using var host = LlmTestHost.ForServer(server);

        // "most lately" is no cue of the rules; the model reads it.
        var newest = await host.Answers.AnswerAsync("which paper was published most lately?");

        Assert.Equal(AnswerBasis.Metadata, newest.Basis);
        Assert.Equal(Ids(host, "SELECT id FROM papers WHERE year_known = 1 ORDER BY date_sort DESC LIMIT 1"), newest.Citations.Select(c => c.Id));
        Assert.StartsWith("The newest of the", newest.Text, StringComparison.Ordinal);

        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "org": "pku", "without_code": true}"""));
        var without = await host.Answers.AnswerAsync("pku work where the code was never released");

        Assert.Equal(Ids(host, """
            SELECT p.id FROM papers p WHERE EXISTS (SELECT 1 FROM paper_orgs o WHERE o.paper_id = p.id AND o.name_key = 'pku') AND COALESCE(p.has_code, 0) = 0
            """).Order(StringComparer.Ordinal), without.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reading_of_which_organisation_has_the_most_papers_is_counted_by_sql()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "top_names", "names_of": "orgs", "limit": 1}"""));
        await using var host = LlmTestHost.ForServer(server);

        // "put out the most" is no cue of the rules; "affiliation" sends the question to the model.
        var answer = await host.Answers.AnswerAsync("which affiliation put out the most stuff?");

        Assert.Equal(1, server.RequestCount);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.StartsWith("pku is the organisation on the most papers: ", answer.Text, StringComparison.Ordinal);
        Assert.Equal(Ids(host, "SELECT DISTINCT paper_id FROM paper_orgs WHERE name_key = 'pku'").Take(25).Count(), answer.Citations.Count);
    }

    [Fact]
    public async Task A_reading_with_a_period_is_dated_by_the_clock_not_by_the_model()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "order": "newest", "limit": 5, "period": "this month"}"""));
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 10, 20, 9, 0, 0, TimeSpan.Zero));
        await using var host = LlmTestHost.ForServer(server, time);

        // "this month's arrivals" asks for no papers in the rules' words; the model reads it, the clock dates it.
        var answer = await host.Answers.AnswerAsync("show me this month's arrivals");

        Assert.Equal(1, server.RequestCount);
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, "SELECT id FROM papers WHERE year_known = 1 AND date_sort BETWEEN 20251001 AND 20251031 ORDER BY date_sort DESC"),
            answer.Citations.Select(c => c.Id));

        // With nothing dated in the period, the answer says so and shows the newest papers.
        time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var later = await host.Answers.AnswerAsync("show me this month's arrivals");

        Assert.StartsWith("Nothing in the", later.Text, StringComparison.Ordinal);
        Assert.Equal(Ids(host, "SELECT id FROM papers WHERE year_known = 1 ORDER BY date_sort DESC, seq LIMIT 5"), later.Citations.Select(c => c.Id));
    }

    [Fact]
    public async Task A_reading_with_topics_given_as_alternatives_lists_the_papers_about_either()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "org": "pku", "topic": "AMR parsing", "other_topics": ["relation extraction"]}"""));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("pku stuff on AMR parsing, or else relation extraction");

        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        Assert.Equal(Ids(host, """
            SELECT p.id FROM papers p JOIN papers_fts f ON f.rowid = p.seq
            WHERE papers_fts MATCH '{title abstract} : ("amr parsing" OR "relation extraction")'
            AND EXISTS (SELECT 1 FROM paper_orgs o WHERE o.paper_id = p.id AND o.name_key = 'pku')
            """).Order(StringComparer.Ordinal), answer.Citations.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reading_of_a_persons_name_one_slip_from_one_stored_author_is_taken_as_that_author_and_the_answer_says_so()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "author": "Junqin He"}"""));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("anything from Junqin He?");

        Assert.False(answer.Abstained);
        Assert.Equal(2, answer.Citations.Count);
        Assert.All(answer.Citations, c => Assert.Contains("Junqing He", host.Store.Get(c.Id)!.Authors));
        Assert.Equal("Taking \"Junqin He\" as Junqing He.", answer.Note);
    }

    [Fact]
    public async Task A_reading_of_a_persons_name_a_few_slips_from_a_stored_author_offers_it()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("""{"kind": "list", "author": "Junqiang Hu"}"""));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync("anything from Junqiang Hu?");

        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);
        Assert.EndsWith("lists Junqiang Hu as an author. Did you mean Junqing He?", answer.Text, StringComparison.Ordinal);
    }
}
