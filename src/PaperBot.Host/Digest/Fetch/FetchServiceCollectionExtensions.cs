namespace PaperBot.Host.Digest.Fetch;

public static class FetchServiceCollectionExtensions
{
    public static IServiceCollection AddPaperFetchers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(HuggingFaceDailyPapersFetcher.HttpClientName).AddStandardResilienceHandler();
        services.AddHttpClient(ArxivFetcher.HttpClientName).AddStandardResilienceHandler();
        services.AddSingleton<HuggingFaceDailyPapersFetcher>();
        services.AddSingleton<ArxivFetcher>();
        services.AddSingleton<IPaperFetcher>(sp => sp.GetRequiredService<HuggingFaceDailyPapersFetcher>());
        services.AddSingleton<IPaperFetcher>(sp => sp.GetRequiredService<ArxivFetcher>());
        services.AddSingleton<PaperAdder>();
        services.AddSingleton<PaperFetchService>();
        services.AddHostedService(sp => sp.GetRequiredService<PaperFetchService>());
        return services;
    }
}
