using System.Net;
using System.Net.Http.Headers;
using PaperBot.Host.Channels.Teams.Connector;

namespace PaperBot.Tests.Teams;

public sealed class ConnectorRetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.PreconditionFailed, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    public void Only_the_statuses_Teams_documents_as_transient_are_retried(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, ConnectorRetryDelay.IsTransient(status));

    [Fact]
    public void Retry_After_in_seconds_is_honoured_and_capped()
    {
        using var seven = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seven.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var hour = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        hour.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(7), ConnectorRetryDelay.FromRetryAfter(seven, Now, TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(20), ConnectorRetryDelay.FromRetryAfter(hour, Now, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Retry_After_as_a_date_counts_from_now_and_a_missing_header_leaves_the_backoff()
    {
        using var dated = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        dated.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(5));
        using var none = new HttpResponseMessage(HttpStatusCode.BadGateway);

        Assert.Equal(TimeSpan.FromSeconds(5), ConnectorRetryDelay.FromRetryAfter(dated, Now, TimeSpan.FromSeconds(20)));
        Assert.Null(ConnectorRetryDelay.FromRetryAfter(none, Now, TimeSpan.FromSeconds(20)));
        Assert.Null(ConnectorRetryDelay.FromRetryAfter(null, Now, TimeSpan.FromSeconds(20)));
    }
}
