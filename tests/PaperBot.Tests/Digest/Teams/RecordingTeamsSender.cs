using PaperBot.Host.Digest.Teams;

namespace PaperBot.Tests.Digest;

/// <summary>Stands in for the Teams connector client (another helper's code): records what would be sent.</summary>
public sealed class RecordingTeamsSender : ITeamsProactiveSender
{
    public List<(string ConversationId, TeamsDigestMessage Message)> Sent { get; } = [];

    public Task<string?> SendAsync(string conversationId, TeamsDigestMessage message, CancellationToken cancellationToken)
    {
        Sent.Add((conversationId, message));
        return Task.FromResult<string?>("1:activity" + Sent.Count);
    }
}
