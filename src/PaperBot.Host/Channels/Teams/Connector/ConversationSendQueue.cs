namespace PaperBot.Host.Channels.Teams.Connector;

/// <summary>
/// Sends to one conversation one at a time, in order (Teams throttles per conversation and shows messages in
/// arrival order), while different conversations proceed in parallel.
/// </summary>
public sealed class ConversationSendQueue
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string conversationKey, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_gates)
        {
            var entry = _gates.TryGetValue(conversationKey, out var existing) ? existing : (new SemaphoreSlim(1, 1), 0);
            _gates[conversationKey] = (entry.Item1, entry.Item2 + 1);
            gate = entry.Item1;
        }
        try
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await send();
            }
            finally
            {
                gate.Release();
            }
        }
        finally
        {
            lock (_gates)
            {
                var entry = _gates[conversationKey];
                if (entry.Users == 1)
                {
                    _gates.Remove(conversationKey); // idle conversations hold no memory
                    entry.Gate.Dispose();
                }
                else
                {
                    _gates[conversationKey] = (entry.Gate, entry.Users - 1);
                }
            }
        }
    }

    /// <summary>Conversations with a send waiting or running (for tests and diagnostics).</summary>
    public int ActiveConversations
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }
}
