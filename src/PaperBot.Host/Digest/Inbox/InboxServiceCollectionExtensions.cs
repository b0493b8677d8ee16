namespace PaperBot.Host.Digest.Inbox;

public static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboxProcessor>();
        services.AddHostedService<InboxWatcher>();
        return services;
    }
}
