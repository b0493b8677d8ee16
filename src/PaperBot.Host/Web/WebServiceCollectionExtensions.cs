using Microsoft.Extensions.Options;

namespace PaperBot.Host.Web;

/// <summary>The web page to try PaperBot: one registration for its services and one for its endpoints.</summary>
public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddPaperBotWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>>(new WebOptionsValidator(configuration));
        services.AddSingleton<WebAccess>();
        services.AddSingleton<WebQuestionLimiter>();
        return services;
    }

    /// <summary>Maps the page at <c>/</c> when <c>Web:Enabled</c>; otherwise nothing, so <c>/</c> stays a 404.</summary>
    public static IEndpointRouteBuilder MapPaperBotWeb(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<WebOptions>>().Value.Enabled)
        {
            endpoints.MapWebEndpoints();
        }
        return endpoints;
    }
}
