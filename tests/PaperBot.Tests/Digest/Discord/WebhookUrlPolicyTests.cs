using PaperBot.Core.Digest;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Digest;

/// <summary>Which webhook URLs a subscription may use, and how they are shown without their secret token.</summary>
public sealed class WebhookUrlPolicyTests
{
    private static readonly string[] Allowed = ["discord.com", "discordapp.com", "127.0.0.1"];

    [Theory]
    [InlineData("https://discord.com/api/webhooks/123/abc", null)]
    [InlineData("https://DISCORDAPP.com/api/webhooks/123/abc?thread_id=9", null)]
    [InlineData("http://127.0.0.1:5000/api/webhooks/1/x", null)]
    [InlineData("http://discord.com/api/webhooks/123/abc", "must use https")]
    [InlineData("https://discord.com.evil.example/api/webhooks/1/x", "is not allowed")]
    [InlineData("https://user:pw@discord.com/api/webhooks/1/x", "user credentials")]
    [InlineData("https://discord.com/api/channels/1/messages", "not a webhook execute URL")]
    [InlineData("ftp://discord.com/api/webhooks/1/x", "not an http(s) URL")]
    [InlineData("discord.com/api/webhooks/1/x", "not an http(s) URL")]
    [InlineData("https://discord.com/api/v10/webhooks/123/abc-DEF_9", null)]
    [InlineData("https://discord.com:443/api/webhooks/123/abc", null)]
    [InlineData("https://discord.com:444/api/webhooks/123/abc", "port 443")]
    [InlineData("https://discord.com:80/api/webhooks/123/abc", "port 443")]
    [InlineData("https://discord.com:0/api/webhooks/123/abc", "port 443")]
    [InlineData("https://discord.com/api/v10/guilds/1/webhooks/", "not a webhook execute URL")]
    [InlineData("https://discord.com/api/webhooks/1/t/github", "not a webhook execute URL")]
    [InlineData("https://discord.com/api/webhooks/1/t/slack", "not a webhook execute URL")]
    [InlineData("https://discord.com/api/webhooks/1/t/messages/2", "not a webhook execute URL")]
    [InlineData("https://discord.com/api/webhooks/abc/t", "not a webhook execute URL")]
    [InlineData("https://discord.com/api/webhooks/1/t/../../users/@me", "not a webhook execute URL")]
    [InlineData("https://discord.com/x/api/webhooks/1/t", "not a webhook execute URL")]
    [InlineData("https://discord.com/api/webhooks/1/t?wait=false&thread_id=2", "thread_id")]
    [InlineData("https://discord.com/api/webhooks/1/t#x", "fragment")]
    public void Only_https_webhook_URLs_on_allowed_hosts_pass(string url, string? problem)
    {
        var error = WebhookUrlPolicy.Check(url, Allowed);

        if (problem is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(problem, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_token_is_never_shown()
    {
        var target = new DigestTarget(DiscordWebhookTarget.KindName, "https://discord.com/api/webhooks/123/very-secret");
        var kinds = new DigestTargetKinds([new DiscordWebhookTarget(Microsoft.Extensions.Options.Options.Create(new DigestWebhookOptions()))]);

        Assert.Equal("discord-webhook discord.com/api/webhooks/123/…", kinds.Display(target));
        Assert.DoesNotContain("very-secret", kinds.Display(target), StringComparison.Ordinal);
    }
}
