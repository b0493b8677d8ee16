using Microsoft.Extensions.DependencyInjection;
using PaperBot.Host.Digest;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Digest;

public static class ChannelPosterRegistration
{
    /// <summary>Registers a given poster instance through the same extension the lead will use at merge.</summary>
    public static IServiceCollection AddDiscordChannelDigestDeliveryFor(this IServiceCollection services, IDiscordChannelPoster poster)
    {
        services.AddSingleton(poster);
        return services.AddDiscordChannelDigestDelivery<FlakyChannelPoster>();
    }
}
