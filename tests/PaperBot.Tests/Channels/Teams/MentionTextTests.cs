using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Tests.Teams;

public sealed class MentionTextTests
{
    private static readonly ChannelAccount Bot = new("28:bot", "PaperBot");

    [Fact]
    public void The_bots_mention_is_removed_case_insensitively_and_other_mentions_stay()
    {
        var activity = new Activity
        {
            Text = "<at>paperbot</at> ask what did <at>Grace</at> cite?",
            Recipient = Bot,
            Entities =
            [
                new Entity("mention", Bot, "<at>PaperBot</at>"),
                new Entity("mention", new ChannelAccount("29:grace", "Grace"), "<at>Grace</at>"),
            ],
        };

        var (text, mentioned) = MentionText.StripBotMention(activity);

        Assert.True(mentioned);
        Assert.Equal("ask what did <at>Grace</at> cite?", text);
    }

    [Fact]
    public void Without_entity_text_the_mention_is_built_from_the_name()
    {
        var activity = new Activity { Text = "search RLHF <at>PaperBot</at>", Recipient = Bot, Entities = [new Entity("mention", Bot)] };

        Assert.Equal(("search RLHF", true), MentionText.StripBotMention(activity));
    }

    [Fact]
    public void A_message_mentioning_only_someone_else_does_not_count_as_mentioning_the_bot()
    {
        var activity = new Activity
        {
            Text = "<at>Grace</at> help",
            Recipient = Bot,
            Entities = [new Entity("mention", new ChannelAccount("29:grace", "Grace"), "<at>Grace</at>")],
        };

        Assert.Equal(("<at>Grace</at> help", false), MentionText.StripBotMention(activity));
    }
}
