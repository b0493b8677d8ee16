using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>An acknowledged interaction whose answer is still to be composed and delivered by editing @original.</summary>
public sealed record DeferredInteraction(Interaction Interaction, string CommandName, Func<CancellationToken, Task<ChatReply>> Run);
