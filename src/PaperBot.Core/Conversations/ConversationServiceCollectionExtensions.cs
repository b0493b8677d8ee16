using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Core.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Conversation history and follow-up resolution; they work with and without a language model.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConversationStore>();
        services.TryAddSingleton<PostgresConversationStore>();
        services.TryAddSingleton<IConversationStore>(sp => SharedStorageServiceCollectionExtensions.IsShared(sp)
            ? sp.GetRequiredService<PostgresConversationStore>()
            : sp.GetRequiredService<ConversationStore>());
        services.TryAddSingleton<FollowUpResolver>();
        services.TryAddSingleton<FollowUpFacts>();
        services.TryAddSingleton<ConversationalAnswerService>();
        return services;
    }
}
