using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Core.Chat;
using PaperBot.Core.Digest;

namespace PaperBot.Tests.Digest.InMemoryChannel;

/// <summary>
/// The channel boundary: a channel defined only in this test project (its target kind, sender and command syntax,
/// registered on the app's real service composition) is subscribed, configured, checked, listed and delivered to by
/// the unchanged digest core.
/// </summary>
public sealed class InMemoryChannelTests : IDisposable
{
    private readonly DigestHarness _h = new(extra: AddInMemoryChannel);

    private static void AddInMemoryChannel(IServiceCollection services)
    {
        services.AddDigestTargetKind<InMemoryDigestTarget>();
        services.AddSingleton<InMemoryDigestSender>();
        services.AddSingleton<IDigestSender>(sp => sp.GetRequiredService<InMemoryDigestSender>());
    }

    public void Dispose() => _h.Dispose();

    private InMemoryDigestSender Sender => _h.Provider.GetRequiredService<InMemoryDigestSender>();

    private DigestCommandContext Box(string address, bool admin = true) =>
        new(new DigestTarget(InMemoryDigestTarget.KindName, address), "user-9", admin, new InMemoryDigestCommandSyntax());

    [Fact]
    public async Task A_channel_registered_from_outside_core_subscribes_in_its_own_syntax_and_gets_its_digest()
    {
        var commands = _h.Provider.GetRequiredService<DigestCommands>();
        _h.AddPapers(TestPaper.About("graph coloring")); // the starting corpus is not news
        _h.Time.Advance(TimeSpan.FromMinutes(30));
        var fresh = _h.AddPapers(TestPaper.About("speculative decoding"), TestPaper.About("protein folding"));

        var reply = await commands.HandleAsync(Box("box-7"), "subscribe");

        Assert.NotEqual(ReplyKind.Problem, reply.Kind);
        var subscription = Assert.Single(_h.Subscriptions.List());
        Assert.Equal(new DigestTarget(InMemoryDigestTarget.KindName, "box-7"), subscription.Target);
        Assert.Equal("in-memory", subscription.Origin);
        Assert.Contains($"!digest unsubscribe {subscription.Id}", reply.ToPlainText(), StringComparison.Ordinal);
        Assert.DoesNotContain("cannot post", reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Equal("in-memory mailbox box-7", _h.Provider.GetRequiredService<DigestTargetKinds>().Display(subscription.Target));

        var delivery = Assert.Single(await _h.Dispatcher.SendNowAsync(subscription.Id, CancellationToken.None));

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        Assert.Equal("in-memory mailbox box-7", delivery.Target);
        Assert.Equal(fresh.Order(StringComparer.Ordinal), Sender.Delivered.Select(d => d.PaperId).Order(StringComparer.Ordinal));
        Assert.All(Sender.Delivered, d => Assert.Equal("box-7", d.Address));
    }

    [Fact]
    public async Task The_channel_checks_its_own_addresses()
    {
        var reply = await _h.Provider.GetRequiredService<DigestCommands>().HandleAsync(Box("inbox"), "subscribe");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("\"inbox\" is not a mailbox name", reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Empty(_h.Subscriptions.List());
    }

    [Fact]
    public void Configuration_names_the_target_with_the_channels_own_key()
    {
        using (var configured = _h.Restart(new Dictionary<string, string?>
               {
                   ["Digest:Subscriptions:0:Name"] = "lab-mailbox",
                   ["Digest:Subscriptions:0:InMemoryBox"] = "box-3",
               }, AddInMemoryChannel))
        {
            configured.Provider.GetRequiredService<DigestConfiguredSubscriptions>().Apply();
        }
        var subscription = Assert.Single(_h.Subscriptions.List());
        Assert.Equal(new DigestTarget(InMemoryDigestTarget.KindName, "box-3"), subscription.Target);

        using var refused = _h.Restart(new Dictionary<string, string?>
        {
            ["Digest:Subscriptions:0:Name"] = "bad",
            ["Digest:Subscriptions:0:InMemoryBox"] = "letterbox",
        }, AddInMemoryChannel);
        var error = Assert.Throws<OptionsValidationException>(() => refused.Provider.GetRequiredService<IOptions<DigestOptions>>().Value);
        Assert.Contains("Digest:Subscriptions:0:InMemoryBox: \"letterbox\" is not a mailbox name", error.Message, StringComparison.Ordinal);
    }
}
