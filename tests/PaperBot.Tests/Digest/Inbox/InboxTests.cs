using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaperBot.Core.Storage;
using PaperBot.Host.Digest.Inbox;

namespace PaperBot.Tests.Digest;

/// <summary>Listing files dropped into PaperBot:Inbox are ingested and moved aside; nothing is lost.</summary>
public sealed class InboxTests : IDisposable
{
    private readonly DigestHarness _h;
    private readonly string _inbox;

    public InboxTests()
    {
        _inbox = Path.Combine(Path.GetTempPath(), "paperbot-inbox-" + Guid.NewGuid().ToString("N"));
        _h = new DigestHarness(new Dictionary<string, string?> { ["PaperBot:Inbox"] = _inbox, ["PaperBot:InboxPollSeconds"] = "5" });
        Directory.CreateDirectory(_inbox);
    }

    public void Dispose()
    {
        _h.Dispose();
        Directory.Delete(_inbox, recursive: true);
    }

    private InboxProcessor Processor => _h.Provider.GetRequiredService<InboxProcessor>();

    private static string[] Names(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
        : [];

    [Fact]
    public void A_dropped_listing_is_ingested_with_its_arrival_time_and_moved_to_processed()
    {
        File.WriteAllText(Path.Combine(_inbox, "today.txt"), TestPaper.About("diffusion").ToListing() + TestPaper.About("music").ToListing());

        var outcome = Assert.Single(Processor.ProcessOnce());

        Assert.True(outcome.Ingested, outcome.Error);
        Assert.Equal(2, outcome.NewPapers);
        Assert.Empty(Names(_inbox));
        Assert.Single(Names(Path.Combine(_inbox, "processed")));
        Assert.Equal(2, _h.Scalar($"SELECT COUNT(*) FROM papers WHERE first_seen = '{DigestHarness.Start:O}'".Replace("Z'", "+00:00'", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_named_pipe_dropped_into_the_inbox_goes_to_failed_at_once_and_holds_no_lock()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        Assert.Equal(0, MakeFifo(Path.Combine(_inbox, "pipe.txt"), 0x180));
        File.WriteAllText(Path.Combine(_inbox, "today.txt"), TestPaper.About("diffusion").ToListing());

        // Before the fix the ingest blocked reading the pipe inside its write transaction, and every answer waited.
        var outcomes = await Task.Run(() => Processor.ProcessOnce()).WaitAsync(TimeSpan.FromSeconds(60));

        var pipe = Assert.Single(outcomes, o => o.File.EndsWith("pipe.txt", StringComparison.Ordinal));
        Assert.False(pipe.Ingested);
        Assert.Contains("named pipe", pipe.Error, StringComparison.Ordinal);
        Assert.True(Assert.Single(outcomes, o => o.File.EndsWith("today.txt", StringComparison.Ordinal)).Ingested);
        // Known by its stamped inbox name, not by the processing/ path it was read from.
        Assert.Equal(1, _h.Scalar("SELECT COUNT(*) FROM ingested_files WHERE file LIKE 'inbox/%today.txt'"));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo")]
    private static extern int MakeFifo([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, uint mode);

    [Fact]
    public void Two_drops_with_the_same_name_keep_both_files_and_all_their_papers()
    {
        File.WriteAllText(Path.Combine(_inbox, "today.txt"), TestPaper.About("robotics").ToListing());
        Processor.ProcessOnce();
        _h.Time.Advance(TimeSpan.FromDays(1));
        File.WriteAllText(Path.Combine(_inbox, "today.txt"), TestPaper.About("speech").ToListing());
        Processor.ProcessOnce();

        Assert.Equal(2, Names(Path.Combine(_inbox, "processed")).Length);
        Assert.Equal(2, _h.Provider.GetRequiredService<PaperStore>().CountPapers());
    }

    [Fact]
    public void A_file_that_is_not_a_listing_goes_to_failed_with_the_reason_beside_it()
    {
        File.WriteAllBytes(Path.Combine(_inbox, "photo.jpg"), [0xFF, 0xD8, 0x00, 0x10, 0x4A, 0x46]);
        File.WriteAllText(Path.Combine(_inbox, "notes.txt"), "hello\n");

        var outcomes = Processor.ProcessOnce();

        Assert.All(outcomes, o => Assert.False(o.Ingested));
        var failed = Names(Path.Combine(_inbox, "failed"));
        Assert.Equal(4, failed.Length);
        var photoError = File.ReadAllText(Directory.GetFiles(Path.Combine(_inbox, "failed"), "*photo.jpg.error.txt").Single());
        Assert.Contains("binary", photoError, StringComparison.Ordinal);
        var notesError = File.ReadAllText(Directory.GetFiles(Path.Combine(_inbox, "failed"), "*notes.txt.error.txt").Single());
        Assert.Contains("no paper records", notesError, StringComparison.Ordinal);
        Assert.Equal(0, _h.Provider.GetRequiredService<PaperStore>().CountPapers());
    }

    [Fact]
    public void Files_still_being_written_are_left_alone_and_a_crash_leftover_is_ingested()
    {
        File.WriteAllText(Path.Combine(_inbox, ".upload.txt"), "partial");
        File.WriteAllText(Path.Combine(_inbox, "big.txt.part"), "partial");
        Directory.CreateDirectory(Path.Combine(_inbox, "processing"));
        File.WriteAllText(Path.Combine(_inbox, "processing", "20261125T065959000Z_left.txt"), TestPaper.About("chemistry").ToListing());

        var outcome = Assert.Single(Processor.ProcessOnce());

        Assert.True(outcome.Ingested);
        Assert.Equal([".upload.txt", "big.txt.part"], Names(_inbox));
        Assert.Empty(Names(Path.Combine(_inbox, "processing")));
    }

    [Fact]
    public async Task The_watcher_in_the_server_picks_up_a_drop_on_its_next_scan()
    {
        var watcher = _h.Provider.GetServices<IHostedService>().OfType<InboxWatcher>().Single();
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            File.WriteAllText(Path.Combine(_inbox, "later.txt"), TestPaper.About("weather").ToListing());
            await Eventually.TrueAsync(() => Names(Path.Combine(_inbox, "processed")).Length > 0, () => "the watcher to pick the file up",
                eachRound: () => _h.Time.Advance(TimeSpan.FromSeconds(5)));
            Assert.Equal(1, _h.Provider.GetRequiredService<PaperStore>().CountPapers());
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }
}
