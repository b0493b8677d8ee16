using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Commands;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// One gateway shard for mentions and DMs: Hello, Identify (only the intents it needs), heartbeats with jitter and ACK
/// tracking, Resume after drops, Reconnect and Invalid Session handling, and a full stop after the close codes that
/// would fail again (a reconnect loop that keeps identifying would get the token reset).
/// </summary>
public sealed class DiscordGatewayClient(
    IOptions<DiscordOptions> options,
    DiscordRestClient rest,
    DiscordMentionHandler mentions,
    TimeProvider time,
    PaperBot.Host.Storage.ReplicaLeadership leadership,
    ILogger<DiscordGatewayClient> logger) : BackgroundService
{
    /// <summary>Guild messages and DMs. MESSAGE_CONTENT is privileged and not needed: Discord includes the content of
    /// messages that mention the bot and of DMs without it.</summary>
    public const GatewayIntents Intents = GatewayIntents.GuildMessages | GatewayIntents.DirectMessages;

    private const int MaxFrameBytes = 8 * 1024 * 1024;
    private const int IdentifyBudget = 900;

    private readonly Queue<DateTimeOffset> identifies = new();
    private readonly SemaphoreSlim messageSlots = new(options.Value.Gateway.ConcurrentMessages);
    private string? sessionId;
    private string? resumeUrl;
    private int? sequence;
    private string? botUserId;
    private Uri? cachedGatewayUrl;
    private int messagesAccepted;

    /// <summary>Set after a refusal or close code that would fail again: no replica should retry with this token.</summary>
    private bool stoppedForGood;

    /// <summary>Set when the gateway closed with a code after which the client stopped for good.</summary>
    public int? FatalCloseCode { get; private set; }

    /// <summary>
    /// Messages handed on to be answered. Dispatches are read in order, so once the answer to one message is out,
    /// this count says exactly how many messages before it were taken, with nothing left to wait for.
    /// </summary>
    public int MessagesAccepted => Volatile.Read(ref messagesAccepted);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.Gateway.Enabled)
        {
            return;
        }
        // Discord allows one session per shard: of several replicas, only the leader holds the connection.
        while (!stoppingToken.IsCancellationRequested && !stoppedForGood)
        {
            CancellationToken term;
            try
            {
                term = await leadership.AcquireAsync("the Discord gateway connection", stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term);
            await RunWhileLeadingAsync(settings, leading.Token);
        }
    }

    private async Task RunWhileLeadingAsync(DiscordOptions settings, CancellationToken stoppingToken)
    {
        var backoff = settings.Gateway.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConnectionEnd end;
            try
            {
                end = await RunConnectionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DiscordRequestRefusedException e)
            {
                logger.LogCritical(e, "Discord gateway stopped: {Reason}", e.Message);
                stoppedForGood = true;
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A dropped connection (no close frame) leaves the session resumable. Anything else unexpected is also
                // retried with backoff rather than thrown, which would stop the whole server.
                logger.LogWarning(e, "Discord gateway connection lost ({Message}); resuming", e.Message);
                end = new ConnectionEnd(Resumable: true, Healthy: false);
            }
            if (end.FatalCode is { } code)
            {
                FatalCloseCode = code;
                stoppedForGood = true;
                logger.LogCritical("Discord gateway closed with {Code}; not reconnecting (check Discord:BotToken and the bot's intents)", code);
                return;
            }
            if (!end.Resumable)
            {
                sessionId = null;
                resumeUrl = null;
                sequence = null;
            }
            if (end.Healthy)
            {
                backoff = settings.Gateway.ReconnectDelay;
            }
            // After Invalid Session wait at least the configured pause, longer if sessions keep failing.
            var wait = end.Wait ?? backoff;
            if (end.InvalidSession && wait < settings.Gateway.InvalidSessionDelay)
            {
                wait = settings.Gateway.InvalidSessionDelay;
            }
            await Task.Delay(wait, time, stoppingToken);
            if (!end.Healthy)
            {
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.Gateway.MaxReconnectDelay.Ticks));
            }
        }
    }

    private async Task<ConnectionEnd> RunConnectionAsync(CancellationToken stoppingToken)
    {
        var resuming = sessionId is not null && resumeUrl is not null;
        var url = resuming ? new Uri(resumeUrl!) : await GatewayUrlAsync(stoppingToken);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(WithQuery(url), stoppingToken);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var state = new ConnectionState(socket);
        Task heartbeat = Task.CompletedTask;
        try
        {
            while (true)
            {
                var payload = await ReceiveAsync(socket, connection.Token);
                if (payload is null)
                {
                    return Closed(socket, state);
                }
                switch (payload.Op)
                {
                    case GatewayOpCode.Hello:
                        var hello = payload.D?.Deserialize<GatewayHello>(DiscordJson.Options) ?? throw new JsonException("Hello without heartbeat_interval");
                        heartbeat = HeartbeatLoopAsync(state, TimeSpan.FromMilliseconds(hello.HeartbeatInterval), connection.Token);
                        if (!resuming)
                        {
                            TakeIdentify();
                        }
                        await SendAsync(state, resuming ? ResumeCommand() : IdentifyCommand(), connection.Token);
                        break;
                    case GatewayOpCode.HeartbeatAck:
                        state.Acked = true;
                        break;
                    case GatewayOpCode.Heartbeat:
                        await SendAsync(state, new GatewayCommand(GatewayOpCode.Heartbeat, sequence), connection.Token);
                        break;
                    case GatewayOpCode.Reconnect:
                        await CloseForResumeAsync(socket);
                        return new ConnectionEnd(Resumable: true, Healthy: state.Ready, Wait: TimeSpan.Zero);
                    case GatewayOpCode.InvalidSession:
                        var resumable = payload.D is { ValueKind: JsonValueKind.True };
                        await CloseForResumeAsync(socket);
                        return new ConnectionEnd(Resumable: resumable, Healthy: false, InvalidSession: true);
                    case GatewayOpCode.Dispatch:
                        sequence = payload.S ?? sequence;
                        OnDispatch(payload, state, stoppingToken);
                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            await connection.CancelAsync();
            await heartbeat;
        }
    }

    private ConnectionEnd Closed(ClientWebSocket socket, ConnectionState state)
    {
        var code = (int?)socket.CloseStatus;
        logger.LogInformation("Discord gateway closed the connection with {Code} {Description}", code, socket.CloseStatusDescription);
        if (code is { } fatal && GatewayCloseCodes.IsFatal(fatal))
        {
            return new ConnectionEnd(Resumable: false, Healthy: false, FatalCode: fatal);
        }
        return new ConnectionEnd(Resumable: code is not { } c || !GatewayCloseCodes.EndsSession(c), Healthy: state.Ready);
    }

    private void OnDispatch(GatewayPayload payload, ConnectionState state, CancellationToken stoppingToken)
    {
        switch (payload.T)
        {
            case "READY":
                var ready = payload.D?.Deserialize<GatewayReady>(DiscordJson.Options) ?? throw new JsonException("READY without data");
                sessionId = ready.SessionId;
                resumeUrl = ready.ResumeGatewayUrl;
                botUserId = ready.User?.Id;
                state.Ready = true;
                logger.LogInformation("Discord gateway ready as {User}", ready.User?.Username);
                break;
            case "RESUMED":
                state.Ready = true;
                logger.LogInformation("Discord gateway session resumed");
                break;
            case "MESSAGE_CREATE" when botUserId is { } me:
                var message = payload.D?.Deserialize<ChannelMessage>(DiscordJson.Options);
                if (message is not null && DiscordMentionHandler.IsAddressedToBot(message, me))
                {
                    Interlocked.Increment(ref messagesAccepted);
                    // Answer off the receive loop, so heartbeat ACKs keep being read while answers are composed.
                    _ = Task.Run(() => AnswerAsync(message, me, stoppingToken), stoppingToken);
                }
                break;
            default:
                break;
        }
    }

    private async Task AnswerAsync(ChannelMessage message, string me, CancellationToken stoppingToken)
    {
        await messageSlots.WaitAsync(stoppingToken);
        try
        {
            await mentions.HandleAsync(message, me, stoppingToken);
        }
        finally
        {
            messageSlots.Release();
        }
    }

    private async Task HeartbeatLoopAsync(ConnectionState state, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            // Jitter the first beat so many clients reconnecting together do not beat in step.
            await Task.Delay(interval * Random.Shared.NextDouble(), time, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!state.Acked)
                {
                    logger.LogWarning("Discord gateway missed a heartbeat ACK; dropping the zombie connection to resume");
                    state.Socket.Abort();
                    return;
                }
                state.Acked = false;
                await SendAsync(state, new GatewayCommand(GatewayOpCode.Heartbeat, sequence), cancellationToken);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection ended; the receive loop decides what comes next.
        }
    }

    /// <summary>
    /// Discord resets the bot token after 1,000 Identifies in 24 hours; a reconnect bug must not get there, so the
    /// client stops itself well before.
    /// </summary>
    private void TakeIdentify()
    {
        var now = time.GetUtcNow();
        while (identifies.Count > 0 && identifies.Peek() <= now - TimeSpan.FromDays(1))
        {
            identifies.Dequeue();
        }
        if (identifies.Count >= IdentifyBudget)
        {
            throw new DiscordRequestRefusedException($"{identifies.Count} gateway Identifies in 24 hours; stopping before Discord resets the bot token.");
        }
        identifies.Enqueue(now);
    }

    private GatewayCommand IdentifyCommand() => new(GatewayOpCode.Identify,
        new GatewayIdentify(options.Value.BotToken!, (int)Intents, new GatewayIdentifyProperties(Environment.OSVersion.Platform.ToString().ToLowerInvariant(), "paperbot", "paperbot")));

    private GatewayCommand ResumeCommand() => new(GatewayOpCode.Resume, new GatewayResume(options.Value.BotToken!, sessionId!, sequence));

    private async Task<Uri> GatewayUrlAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Gateway.Url is { } configured)
        {
            return configured;
        }
        cachedGatewayUrl ??= new Uri((await rest.GetGatewayBotAsync(cancellationToken)).Url);
        return cachedGatewayUrl;
    }

    private static Uri WithQuery(Uri url) => new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri;

    private static async Task SendAsync(ConnectionState state, GatewayCommand command, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(command, DiscordJson.Options);
        await state.SendLock.WaitAsync(cancellationToken);
        try
        {
            await state.Socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            state.SendLock.Release();
        }
    }

    /// <summary>Reads one whole message (READY can span many frames); null when the server closed the connection.</summary>
    private static async Task<GatewayPayload?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }
                    return null;
                }
                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxFrameBytes)
                {
                    throw new JsonException("Gateway message larger than 8 MiB");
                }
                if (result.EndOfMessage)
                {
                    message.Position = 0;
                    return await JsonSerializer.DeserializeAsync<GatewayPayload>(message, DiscordJson.Options, cancellationToken);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Closes with a code other than 1000/1001: those would end the session we want to resume.</summary>
    private static async Task CloseForResumeAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync((WebSocketCloseStatus)4000, "resuming", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    public override void Dispose()
    {
        messageSlots.Dispose();
        base.Dispose();
    }

    private sealed class ConnectionState(ClientWebSocket socket)
    {
        private volatile bool acked = true;
        private volatile bool ready;

        public ClientWebSocket Socket { get; } = socket;
        public SemaphoreSlim SendLock { get; } = new(1, 1);
        public bool Acked { get => acked; set => acked = value; }
        public bool Ready { get => ready; set => ready = value; }
    }

    private readonly record struct ConnectionEnd(bool Resumable, bool Healthy, int? FatalCode = null, TimeSpan? Wait = null, bool InvalidSession = false);
}
