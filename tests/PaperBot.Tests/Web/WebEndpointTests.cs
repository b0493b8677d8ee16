using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Host.Cli;
using PaperBot.Host.Server;
using PaperBot.Host.Web;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Web;

/// <summary>The web page's endpoints over real HTTP on loopback: the streamed ask, follow-ups, papers, access and limits.</summary>
[Collection(nameof(WebPageCollection))]
public sealed class WebEndpointTests(WebServerFixture shared) : IClassFixture<WebServerFixture>
{
    private const string Token = "correct-horse-battery-staple-42";

    [Fact]
    public async Task An_answer_streams_its_sentences_then_the_reply_with_sources_and_what_it_rests_on()
    {
        var server = shared.Server;
        var (response, events) = await server.AskAsync("which papers tackle continual relation extraction?");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("start", events[0].Name);
        Assert.Matches("^[0-9a-f]{32}$", events[0].Data.GetProperty("conversation").GetString());
        var sentences = events.Where(e => e.Name == "sentence").Select(e => e.Data).ToList();
        Assert.NotEmpty(sentences);
        Assert.Equal("reply", events[^1].Name);
        var reply = events[^1].Data;
        Assert.Equal("answer", reply.GetProperty("kind").GetString());
        Assert.Equal("abstracts", reply.GetProperty("basis").GetString());
        Assert.Equal("Based on the papers' abstracts; the full texts are not in the corpus.", reply.GetProperty("basisLine").GetString());
        // What streamed is what the reply's blocks show, and every citation names one of its sources.
        var shown = string.Join("\n", Strings(reply.GetProperty("blocks")));
        Assert.All(sentences, s => Assert.Contains(s.GetProperty("text").GetString()!, shown, StringComparison.Ordinal));
        var numbers = reply.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("n").GetInt32()).ToHashSet();
        Assert.All(sentences.SelectMany(s => s.GetProperty("citations").EnumerateArray()), n => Assert.Contains(n.GetInt32(), numbers));
    }

    [Fact]
    public async Task A_follow_up_with_the_conversation_id_refers_to_the_papers_just_cited_and_another_id_does_not()
    {
        var server = shared.Server;
        var (_, first) = await server.AskAsync("which papers tackle continual relation extraction?");
        var conversation = first[0].Data.GetProperty("conversation").GetString();
        var second = first[^1].Data.GetProperty("sources")[1];

        var (_, followUp) = await server.AskAsync("who wrote the second one?", conversation);
        Assert.Equal(conversation, followUp[0].Data.GetProperty("conversation").GetString());
        var reply = followUp[^1].Data;
        Assert.Equal("metadata", reply.GetProperty("basis").GetString());
        Assert.Contains(second.GetProperty("title").GetString()!, reply.GetProperty("takenAs").GetString(), StringComparison.Ordinal);
        Assert.Equal(second.GetProperty("id").GetString(), reply.GetProperty("sources")[0].GetProperty("id").GetString());

        // An id that is not one the page made (here another channel's conversation) starts a fresh conversation.
        var (_, elsewhere) = await server.AskAsync("who wrote the second one?", "discord:400000000000000001");
        Assert.NotEqual("discord:400000000000000001", elsewhere[0].Data.GetProperty("conversation").GetString());
        Assert.False(elsewhere[^1].Data.TryGetProperty("takenAs", out _));
    }

    [Fact]
    public async Task Paper_actions_come_back_as_the_payloads_other_channels_use_and_anything_else_is_ignored()
    {
        var server = shared.Server;
        var (_, about) = await server.AskAsync("", prepare: null, action: "pb:ask:web3wg");
        var conversation = about[0].Data.GetProperty("conversation").GetString();
        Assert.StartsWith("Asking about: Learning Robust Representations", about[^1].Data.GetProperty("heading").GetString(), StringComparison.Ordinal);
        var (_, followUp) = await server.AskAsync("who wrote it?", conversation);
        Assert.Equal("web3wg", followUp[^1].Data.GetProperty("sources")[0].GetProperty("id").GetString());

        var (_, similar) = await server.AskAsync("", action: "pb:sim:web3wg");
        Assert.Equal("search", similar[^1].Data.GetProperty("kind").GetString());
        var (_, forged) = await server.AskAsync("help", action: "pb:sim:../../etc");
        Assert.Equal("help", forged[^1].Data.GetProperty("kind").GetString());

        var (_, answer) = await server.AskAsync("which papers tackle continual relation extraction?");
        var actions = answer[^1].Data.GetProperty("actions");
        Assert.Contains(actions.EnumerateArray(), a => a.GetProperty("payloads").EnumerateArray().Any(p => p.GetString() == "pb:sim:" + a.GetProperty("paperId").GetString()));
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    [Fact]
    public async Task The_paper_view_has_the_abstract_metadata_and_listing_sources_and_unknown_ids_are_a_404()
    {
        var server = shared.Server;
        var response = await server.Http.GetAsync("/api/web/papers/web3wg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paper = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Learning Robust Representations for Continual Relation Extraction via Adversarial Class Augmentation", paper.GetProperty("title").GetString());
        Assert.StartsWith("Continual relation extraction (CRE) aims", paper.GetProperty("abstract").GetString(), StringComparison.Ordinal);
        var source = paper.GetProperty("sources")[0];
        Assert.EndsWith(".txt", source.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.True(source.GetProperty("line").GetInt32() > 0);

        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/web/papers/nosuch")).StatusCode);
        var page = await server.Http.GetAsync("/papers/web3wg"); // a paper's address opens the page, which shows it
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_off_unless_enabled()
    {
        await using var server = await WebTestServer.StartAsync(new Dictionary<string, string?> { ["Web:Enabled"] = "false" });
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_a_request_forwarded_by_a_proxy_is_refused_even_on_loopback()
    {
        var server = shared.Server;
        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.SendAsync(page)).StatusCode);
        var (ask, _) = await server.AskAsync("any papers on speculative decoding?", prepare: r => r.Headers.Add("Forwarded", "for=203.0.113.9"));
        Assert.Equal(HttpStatusCode.Unauthorized, ask.StatusCode);
    }

    [Fact]
    public async Task With_a_token_the_page_asks_for_it_and_the_session_cookie_or_a_bearer_token_lets_questions_in()
    {
        await using var server = await WebTestServer.StartAsync(new Dictionary<string, string?> { ["Web:AccessToken"] = Token });

        var login = await server.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("<label for=\"token\">Access token</label>", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.AskAsync("any papers on speculative decoding?")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("/api/web/papers/web3wg")).StatusCode);

        var wrong = await server.Http.PostAsync("/web/login", new FormUrlEncodedContent([new("token", "not-the-token-at-all")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("That token is not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        var right = await server.Http.PostAsync("/web/login", new FormUrlEncodedContent([new("token", Token)]));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var cookie = right.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, cookie, StringComparison.Ordinal);
        var session = cookie.Split(';')[0];

        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        WebTestServer.WithCookie(page, session);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(page)).StatusCode);
        var (withCookie, events) = await server.AskAsync("any papers on speculative decoding?", prepare: r => WebTestServer.WithCookie(r, session));
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal("answer", events[^1].Data.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await server.AskAsync("help", prepare: r => WebTestServer.WithBearer(r, Token))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.AskAsync("help", prepare: r => WebTestServer.WithBearer(r, Token + "x"))).Response.StatusCode);
    }

    [Fact]
    public async Task Behind_an_authenticating_proxy_only_requests_carrying_its_user_header_get_in()
    {
        await using var server = await WebTestServer.StartAsync(new Dictionary<string, string?> { ["Web:AuthenticatingProxyHeader"] = "X-Forwarded-User" });
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.GetAsync("/")).StatusCode);
        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("X-Forwarded-User", "ada@example.org");
        page.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.AskAsync("help", prepare: r => r.Headers.Add("X-Forwarded-User", "ada@example.org"))).Response.StatusCode);
    }

    [Fact]
    public async Task A_person_asking_faster_than_the_limit_is_told_to_slow_down_while_others_still_get_answers()
    {
        await using var server = await WebTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Web:AuthenticatingProxyHeader"] = "X-Forwarded-User",
            ["Web:QuestionLimit"] = "2",
            ["Web:QuestionWindow"] = "00:10:00",
        });
        void Ada(HttpRequestMessage r) => r.Headers.Add("X-Forwarded-User", "ada");
        Assert.Equal(HttpStatusCode.OK, (await server.AskAsync("help", prepare: Ada)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.AskAsync("help", prepare: Ada)).Response.StatusCode);
        var (limited, _) = await server.AskAsync("help", prepare: Ada);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.StartsWith("You're asking faster than I can keep up with.",
            JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await server.AskAsync("help", prepare: r => r.Headers.Add("X-Forwarded-User", "grace"))).Response.StatusCode);
    }

    [Fact]
    public async Task Behind_a_local_reverse_proxy_each_client_address_has_its_own_allowance()
    {
        await using var server = await WebTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Web:AccessToken"] = Token,
            ["Web:QuestionLimit"] = "1",
            ["Web:QuestionWindow"] = "00:10:00",
        });
        Action<HttpRequestMessage> From(string client) => r =>
        {
            WebTestServer.WithBearer(r, Token);
            r.Headers.Add("X-Forwarded-For", "198.51.100.7, " + client); // the first entry is the client's own claim
        };
        Assert.Equal(HttpStatusCode.OK, (await server.AskAsync("help", prepare: From("203.0.113.1"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await server.AskAsync("help", prepare: From("203.0.113.1"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.AskAsync("help", prepare: From("203.0.113.2"))).Response.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://paperbot.example.org:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5081")]
    public void Serving_the_page_beyond_loopback_without_a_token_or_proxy_stops_start_up_with_one_line(string urls)
    {
        using var db = new TempDatabase();
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = ServeCommand.BuildApp([], db.Path, urls, c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Web:Enabled"] = "true" }));
        });
        Assert.True(ConfigurationErrors.TryDescribe(error, out var message), error.ToString());
        Assert.DoesNotContain('\n', message);
        Assert.Contains("which is not loopback; set Web__AccessToken", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void Loopback_addresses_need_no_token(string urls)
    {
        using var db = new TempDatabase();
        using var app = ServeCommand.BuildApp([], db.Path, urls, c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Web:Enabled"] = "true" }));
        Assert.True(app.Services.GetRequiredService<IOptions<WebOptions>>().Value.LoopbackOnly);
    }

    [Fact]
    public void The_container_default_of_http_ports_counts_as_every_interface_and_a_token_or_proxy_allows_it()
    {
        var containerDefault = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["http_ports"] = "8080" }).Build();
        Assert.Equal(["http://*:8080"], ListenAddresses.NotLoopback(containerDefault));
        var nothing = new ConfigurationBuilder().Build();
        Assert.Equal([ListenAddresses.KestrelDefault], ListenAddresses.Configured(nothing));
        Assert.Empty(ListenAddresses.NotLoopback(nothing));

        var validator = new WebOptionsValidator(containerDefault);
        Assert.True(validator.Validate(null, new WebOptions { Enabled = true }).Failed);
        Assert.True(validator.Validate(null, new WebOptions { Enabled = true, AccessToken = Token }).Succeeded);
        Assert.True(validator.Validate(null, new WebOptions { Enabled = true, AuthenticatingProxyHeader = "X-Forwarded-User" }).Succeeded);
        Assert.True(validator.Validate(null, new WebOptions { Enabled = true, AccessToken = "short" }).Failed);
        Assert.True(validator.Validate(null, new WebOptions { Enabled = false }).Succeeded);
    }
}
