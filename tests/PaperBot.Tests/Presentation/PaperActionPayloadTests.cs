using PaperBot.Core.Presentation;

namespace PaperBot.Tests.Presentation;

public sealed class PaperActionPayloadTests
{
    [Theory]
    [InlineData(PaperActionKind.Abstract)]
    [InlineData(PaperActionKind.Similar)]
    [InlineData(PaperActionKind.AskAbout)]
    public void A_payload_carries_the_action_and_paper_id_and_reads_back(PaperActionKind kind)
    {
        var payload = PaperActionPayload.Encode(kind, "web3wg");

        Assert.True(payload.Length <= 100);
        Assert.True(PaperActionPayload.TryParse(payload, out var parsed, out var id));
        Assert.Equal(kind, parsed);
        Assert.Equal("web3wg", id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pb:abs:")]
    [InlineData("pb:xyz:web3wg")]
    [InlineData("pb:abs:WEB3WG")]
    [InlineData("pb:abs:web3wg; DROP TABLE papers")]
    [InlineData("pb:abs:../../etc")]
    [InlineData("abs:web3wg")]
    [InlineData("pb:abs:web3wg:extra")]
    public void A_forged_payload_is_refused(string? payload)
    {
        Assert.False(PaperActionPayload.TryParse(payload, out _, out _));
    }

    [Fact]
    public void A_payload_longer_than_a_discord_custom_id_is_refused()
    {
        Assert.False(PaperActionPayload.TryParse("pb:abs:" + new string('a', 120), out _, out _));
    }
}
