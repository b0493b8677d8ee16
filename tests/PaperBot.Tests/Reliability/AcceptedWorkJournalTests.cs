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
        Assert.True(journal.TryAccept("discord", "1001"));
        Assert.False(journal.TryAccept("discord", "1001"));
        Assert.True(journal.TryAccept("teams", "1001")); // ids are per channel

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(Restarted().TryAccept("discord", "1001"));

        journal.Finish("discord", "1001");
        time.Advance(AcceptedWorkJournal.RememberFor);
        Assert.Equal(2, Restarted().Prune());
        Assert.True(Restarted().TryAccept("discord", "1001"));
    }

    [Fact]
    public void Pending_work_survives_a_restart_oldest_first_and_is_never_pruned_until_finished()
    {
        var journal = new AcceptedWorkJournal(db.Factory, time);
        journal.TryAccept("discord", "b", "{\"second\":true}");
        time.Advance(TimeSpan.FromSeconds(1));
        journal.TryAccept("discord", "a");
        journal.SetPending("discord", "a", "{\"third\":true}");
        journal.TryAccept("discord", "refused", "{}");
        journal.Forget("discord", "refused");

        time.Advance(TimeSpan.FromHours(1));
        var again = Restarted();
        Assert.Equal(0, again.Prune());
        var pending = again.Pending("discord");
        Assert.Equal(["b", "a"], pending.Select(p => p.Id));
        Assert.Equal("{\"second\":true}", pending[0].Payload);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1), pending[0].ReceivedAt);

        again.Finish("discord", "b");
        Assert.Equal(["a"], Restarted().Pending("discord").Select(p => p.Id));
        Assert.True(again.TryAccept("discord", "refused")); // forgotten: a refused id may come again
    }
}
