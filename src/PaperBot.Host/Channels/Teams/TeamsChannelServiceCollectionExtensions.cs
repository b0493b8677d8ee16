using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;
using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Cards;
using PaperBot.Host.Channels.Teams.Connector;
using PaperBot.Host.Channels.Teams.Conversations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaperBot.Host.Reliability;
using Polly;

namespace PaperBot.Host.Channels.Teams;

public static class TeamsChannelServiceCollectionExtensions
{
    /// <summary>The Microsoft Teams channel: options, inbound auth, the connector client with its retry policy,
    /// conversation references, the turn queue and worker. <c>POST /api/messages</c> is mapped by <see cref="TeamsEndpoints"/>.</summary>
    public static IServiceCollection AddPaperBotTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();

        services.AddHttpClient(BotConnectorSigningKeys.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .RefuseRedirects()
            .AddResilienceHandler("teams-openid", AddConnectorRetry);
        services.AddHttpClient(ConnectorTokenProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .RefuseRedirects()
            .AddResilienceHandler("teams-token", AddConnectorRetry);
        services.AddHttpClient(BotConnectorClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RefuseRedirects()
            .AddResilienceHandler("teams-connector", AddConnectorRetry);

        services.AddSingleton<BotConnectorSigningKeys>();
        services.AddSingleton<BotConnectorTokenValidator>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<ServiceUrlAllowList>();
        services.AddSingleton<BotConnectorClient>();
        services.AddSingleton<ConversationSendQueue>();
        services.AddPaperBotSharedStorage(configuration);
        services.TryAddSingleton<ConversationReferenceStore>();
        services.TryAddSingleton<PostgresConversationReferenceStore>();
        services.TryAddSingleton<IConversationReferenceStore>(sp => SharedStorageServiceCollectionExtensions.IsShared(sp)
            ? sp.GetRequiredService<PostgresConversationReferenceStore>()
            : sp.GetRequiredService<ConversationReferenceStore>());
        services.AddSingleton<TeamsMessenger>();
        services.AddSingleton<AdaptiveCardRenderer>();
        services.AddSingleton<TeamsCardActions>();
        services.AddSingleton<TeamsProactiveSender>();
        services.AddSingleton<TeamsTurnHandler>();
        services.AddAcceptedWorkJournal(configuration);
        services.AddSingleton<TeamsTurnQueue>();
        services.AddSingleton<TeamsAdapter>();
        services.AddHostedService<TeamsTurnWorker>();
        return services;
    }

    /// <summary>
    /// The one resilience layer for Bot Connector, token and key-set calls: 429/412/502/504 (and network errors) retried
    /// with exponential backoff and jitter, waiting what Retry-After asks when the answer says, capped by
    /// <see cref="TeamsOptions.MaxRetryDelay"/>; each attempt bounded by a timeout.
    /// </summary>
    private static void AddConnectorRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.TimeProvider = time; // backoff waits and timeouts on the app's clock
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(settings.MaxRetryAttempts, 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryBaseDelay,
            MaxDelay = settings.MaxRetryDelay,
            ShouldRetryAfterHeader = false, // handled below, with our cap
            ShouldHandle = args => ValueTask.FromResult(settings.MaxRetryAttempts > 0
                && !(args.Context.GetRequestMessage()?.Options.TryGetValue(BotConnectorClient.NoRetry, out var noRetry) == true && noRetry)
                && args.Outcome switch
            {
                { Exception: HttpRequestException } => true,
                { Exception: Polly.Timeout.TimeoutRejectedException } => true,
                { Result: { } response } => ConnectorRetryDelay.IsTransient(response.StatusCode),
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult(ConnectorRetryDelay.FromRetryAfter(args.Outcome.Result, time.GetUtcNow(), settings.MaxRetryDelay)),
        });
        builder.AddTimeout(TimeSpan.FromSeconds(30));
    }
}
