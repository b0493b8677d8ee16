using Microsoft.Extensions.Time.Testing;
using PaperBot.Core.Storage;
using PaperBot.Host.Reliability;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Reliability;

/// <summary>The accepted-work journal on a real SQLite file, read back by a second factory as a restarted process would.</summary>
public sealed class AcceptedWorkJournalTests : IDisposable
{
    private readonly TempDatabase db = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-01T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => db.Dispose();

    private AcceptedWorkJournal Restarted() => new(new SqliteConnectionFactory(db.Path), time);

    [Fact]
    public void An_id_is_accepted_once_even_across_a_restart_until_the_replay_window_has_passed()
    {
        var journal = new AcceptedWorkJournal(db.Factory, time);
        var hold = Assert.IsType<WorkHold>(journal.TryAccept("discord", "1001"));
        Assert.Null(journal.TryAccept("discord", "1001"));
        Assert.NotNull(journal.TryAccept("teams", "1001")); // ids are per channel

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(Restarted().TryAccept("discord", "1001"));

        journal.Finish(hold);
        time.Advance(AcceptedWorkJournal.RememberFor);
        Assert.Equal(2, Restarted().Prune());
        Assert.NotNull(Restarted().TryAccept("discord", "1001"));
    }

    [Fact]
    public void Pending_work_survives_a_restart_oldest_first_and_is_never_pruned_until_finished()
    {
        var journal = new AcceptedWorkJournal(db.Factory, time);
        journal.TryAccept("discord", "b", "{\"second\":true}");
        time.Advance(TimeSpan.FromSeconds(1));
        journal.SetPending(journal.TryAccept("discord", "a")!, "{\"third\":true}");
        journal.TryAccept("discord", "refused", "{}");
        journal.Forget("discord", "refused");

        time.Advance(TimeSpan.FromHours(1));
        var again = Restarted();
        Assert.Equal(0, again.Prune());
        var pending = again.Pending("discord");
        Assert.Equal(["b", "a"], pending.Select(p => p.Id));
        Assert.Equal("{\"second\":true}", pending[0].Payload);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1), pending[0].ReceivedAt);

        again.Finish(again.ClaimPending("discord")[0].Hold);
        Assert.Equal(["a"], Restarted().Pending("discord").Select(p => p.Id));
        Assert.NotNull(again.TryAccept("discord", "refused")); // forgotten: a refused id may come again
    }

    [Fact]
    public void Work_the_next_start_claimed_can_be_neither_replied_to_nor_finished_by_the_process_that_accepted_it()
    {
        var first = new AcceptedWorkJournal(db.Factory, time);
        var stalled = first.TryAccept("teams", "c\n1", "{}")!;
        var replying = first.TryAccept("teams", "c\n2", "{}")!;
        Assert.True(first.TryBeginReply(replying));
        Assert.False(first.TryBeginReply(replying)); // one reply

        // The next start takes everything over; what the first process had begun replying to comes back in doubt.
        var next = Restarted();
        var claimed = next.ClaimPending("teams");
        Assert.Equal([("c\n1", false), ("c\n2", true)], claimed.Select(w => (w.Id, w.ReplyInDoubt)));
        Assert.False(first.TryBeginReply(stalled)); // the first process, still running, may not reply
        first.Finish(stalled); // nor finish: the work is the next process's now
        Assert.Equal(2, next.Pending("teams").Count);

        Assert.True(next.TryBeginReply(claimed[0].Hold));
        next.Finish(claimed[0].Hold);
        Assert.False(next.TryBeginReply(claimed[0].Hold)); // finished
        Assert.Equal(["c\n2"], next.Pending("teams").Select(w => w.Id));
    }
}
