using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Transport;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>
/// Answers messages from the gateway that mention the bot or DM it, as a reply to that message, with a typing
/// indicator while it works. Messages from bots (itself included) are ignored, so two bots never talk in a loop.
/// </summary>
public sealed class DiscordMentionHandler(
    PaperBotAssistant assistant, DiscordRestClient rest, UserQuestionLimiter limiter, TimeProvider time, ILogger<DiscordMentionHandler> logger)
{
    /// <summary>Typing lasts about 10 s on Discord's side; refresh a little earlier.</summary>
    public static readonly TimeSpan TypingRefresh = TimeSpan.FromSeconds(8);

    public static bool IsAddressedToBot(ChannelMessage message, string botUserId)
    {
        if (message.Author is null || message.Author.Bot == true || message.Author.Id == botUserId)
        {
            return false;
        }
        var isDirectMessage = message.GuildId is null;
        var mentioned = message.Mentions?.Any(u => u.Id == botUserId) == true;
        return isDirectMessage || mentioned;
    }

    /// <summary>The text without the bot's mention (both the &lt;@id&gt; and legacy &lt;@!id&gt; forms).</summary>
    public static string QuestionText(ChannelMessage message, string botUserId) =>
        (message.Content ?? "").Replace($"<@{botUserId}>", " ", StringComparison.Ordinal).Replace($"<@!{botUserId}>", " ", StringComparison.Ordinal).Trim();

    public async Task HandleAsync(ChannelMessage message, string botUserId, CancellationToken cancellationToken)
    {
        if (!IsAddressedToBot(message, botUserId))
        {
            return;
        }
        // One trace per mention: the answer, its retrieval and model call, and the REST calls that post the reply.
        using var span = Core.Diagnostics.PaperBotTelemetry.Source.StartActivity("discord.mention");
        var reference = new MessageReference(message.Id, message.ChannelId, message.GuildId);
        var request = ChatRequest.FromText(QuestionText(message, botUserId), message.ChannelId, message.Author!.Id);
        try
        {
            if (request.Command != ChatCommand.Help && !limiter.TryAcquire(request.UserId, out var retryAfter))
            {
                await SendAsync(message.ChannelId, [DiscordReplyRenderer.Notice(UserQuestionLimiter.SlowDownMessage(retryAfter), ephemeral: false)], reference, cancellationToken);
                return;
            }
            // The first indicator goes out before the work starts, so it shows even for quick answers.
            await TypeOnceAsync(message.ChannelId, cancellationToken);
            ChatReply reply;
            using (var typing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var typingLoop = KeepTypingAsync(message.ChannelId, typing.Token);
                try
                {
                    reply = await assistant.HandleAsync(request, cancellationToken);
                }
                finally
                {
                    await typing.CancelAsync();
                    await typingLoop;
                }
            }
            await SendAsync(message.ChannelId, DiscordReplyRenderer.ToMessages(reply), reference, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Answering Discord message {MessageId} in channel {ChannelId} failed", message.Id, message.ChannelId);
            try
            {
                await SendAsync(message.ChannelId, [DiscordReplyRenderer.Notice(DiscordInteractionWorker.Apology, ephemeral: false)], reference, cancellationToken);
            }
            catch (Exception inner) when (inner is DiscordApiException or DiscordRequestRefusedException or HttpRequestException)
            {
                logger.LogError(inner, "Could not even apologise in channel {ChannelId}", message.ChannelId);
            }
        }
    }

    private async Task SendAsync(string channelId, IReadOnlyList<OutgoingMessage> messages, MessageReference reference, CancellationToken cancellationToken)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            // Only the first part is a reply; the rest follow it in order.
            var message = i == 0 ? messages[i] with { MessageReference = reference } : messages[i];
            await rest.CreateMessageAsync(channelId, message, cancellationToken);
        }
    }

    private async Task KeepTypingAsync(string channelId, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TypingRefresh, time, cancellationToken);
                await TypeOnceAsync(channelId, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The answer is ready.
        }
    }

    private async Task TypeOnceAsync(string channelId, CancellationToken cancellationToken)
    {
        try
        {
            await rest.TriggerTypingAsync(channelId, cancellationToken);
        }
        catch (Exception e) when (e is DiscordApiException or DiscordRequestRefusedException or HttpRequestException)
        {
            // A missing typing indicator is cosmetic; the answer still goes out.
            logger.LogWarning(e, "Typing indicator failed in channel {ChannelId}", channelId);
        }
    }
}
