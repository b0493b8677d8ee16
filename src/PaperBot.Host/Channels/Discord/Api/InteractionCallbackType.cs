namespace PaperBot.Host.Channels.Discord.Api;

public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    /// <summary>Components only: acknowledge the press now; what follows comes as follow-up messages.</summary>
    DeferredUpdateMessage = 6,
    /// <summary>Components only: edit the message the button is on.</summary>
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
}
