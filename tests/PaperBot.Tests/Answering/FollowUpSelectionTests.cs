using PaperBot.Core.Answering;
using PaperBot.Tests.Llm;

namespace PaperBot.Tests.Answering;

/// <summary>
/// "which of these has code?", "which of them is the newest?", "the most upvoted of those?": a follow-up that picks among
/// the papers just shown is answered from their listings (only the chosen papers cited, the rest counted), on the real
/// corpus without a model, not with every paper's links or a search for newer work.
/// </summary>
public sealed class FollowUpSelectionTests
{
    private const string Topic = "any papers on process reward models?";

    [Fact]
    public async Task Which_of_these_has_code_cites_only_the_papers_whose_listing_marks_code()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var list = await host.Conversations.AnswerAsync(Topic, "select:code");
        Assert.True(list.Citations.Count >= 3, list.Text);
        var shown = list.Citations.Select(c => host.Store.Get(c.Id)!).ToList();
        var withCode = shown.Where(p => p.HasCode == true || p.Links.Any(l => l.Contains("github.com", StringComparison.OrdinalIgnoreCase))).Select(p => p.Id).ToHashSet();
        Assert.InRange(withCode.Count, 1, shown.Count - 1); // the test needs both kinds in the list

        var answer = await host.Conversations.AnswerAsync("which of these has code?", "select:code");

        Assert.Equal(withCode.OrderBy(i => i), answer.Citations.Select(c => c.Id).OrderBy(i => i));
        Assert.Contains($"{withCode.Count} of these {shown.Count} papers list code", answer.Text);
        Assert.Contains($"The other {shown.Count - withCode.Count} list none", answer.Text.Replace("The other one lists none", "The other 1 list none"));
    }

    [Theory]
    [InlineData("which of them is the newest?", true)]
    [InlineData("and which one of these came out first?", false)]
    public async Task Which_of_them_is_newest_or_oldest_orders_the_dated_papers_and_counts_the_undated(string followUp, bool newestFirst)
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var list = await host.Conversations.AnswerAsync(Topic, "select:date");
        var shown = list.Citations.Select(c => host.Store.Get(c.Id)!).ToList();
        var dated = shown.Where(p => p.Date is { YearKnown: true }).ToList();
        Assert.NotEmpty(dated);

        var answer = await host.Conversations.AnswerAsync(followUp, "select:date");

        var expected = (newestFirst ? dated.OrderByDescending(p => p.Date!.Value.SortKey) : dated.OrderBy(p => p.Date!.Value.SortKey)).Select(p => p.Id);
        Assert.Equal(expected, answer.Citations.Select(c => c.Id));
        Assert.Equal(AnswerBasis.Metadata, answer.Basis);
        var undated = shown.Count - dated.Count;
        if (undated > 1)
        {
            Assert.Contains($"no year for the other {undated}", answer.Text);
        }
    }

    [Fact]
    public async Task A_follow_up_that_picks_nothing_among_them_keeps_its_old_reading()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var list = await host.Conversations.AnswerAsync(Topic, "select:links");
        var answer = await host.Conversations.AnswerAsync("where can I find their code?", "select:links");
        // Every paper of the list, each with its link or "no link": the old Links reading, not a selection.
        Assert.Equal(list.Citations.Select(c => c.Id), answer.Citations.Select(c => c.Id));
    }

    [Fact]
    public async Task Which_of_these_is_from_an_organisation_or_author_filters_the_list_and_later_choices_use_the_whole_list()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        const string conversation = "select:who";
        var list = await host.Conversations.AnswerAsync("which papers are about in-context learning?", conversation);
        var shown = list.Citations.Select(c => host.Store.Get(c.Id)!).ToList();
        var microsoft = shown.Where(p => p.Orgs.Any(o => o.Contains("microsoft", StringComparison.OrdinalIgnoreCase))).Select(p => p.Id).ToList();
        Assert.NotEmpty(microsoft);
        Assert.True(shown.Count > microsoft.Count, list.Text);

        var fromMicrosoft = await host.Conversations.AnswerAsync("which of these is from microsoft?", conversation);
        Assert.Equal(microsoft.Order(), fromMicrosoft.Citations.Select(c => c.Id).Order());
        Assert.Contains($"of these {shown.Count} papers", fromMicrosoft.Text);

        // The next choice is among the list the user is looking at, not among the one paper the last choice picked.
        var fromNowhere = await host.Conversations.AnswerAsync("which of them is from Zorblax University?", conversation);
        Assert.Empty(fromNowhere.Citations);
        Assert.Contains($"None of these {shown.Count} papers lists Zorblax University", fromNowhere.Text);
    }
}
