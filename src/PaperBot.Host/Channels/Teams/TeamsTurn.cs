using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams;

/// <summary>One accepted inbound activity waiting to be processed, with how it was authenticated.</summary>
public sealed record TeamsTurn(Activity Activity, InboundAuthOutcome Authentication);
