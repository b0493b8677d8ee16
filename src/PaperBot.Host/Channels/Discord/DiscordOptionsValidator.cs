using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Discord;

/// <summary>Checks what data annotations cannot: the key's shape, and the token wherever a feature needs it.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();
        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("http" or "https"))
        {
            failures.Add("Discord:ApiBaseUrl must be an absolute http(s) URL.");
        }
        if (options.Enabled)
        {
            if (!options.ApplicationId!.All(char.IsAsciiDigit))
            {
                failures.Add("Discord:ApplicationId must be the numeric application id from the Developer Portal.");
            }
            if (options.PublicKey is not { Length: 64 } key || !key.All(char.IsAsciiHexDigit))
            {
                failures.Add("Discord:PublicKey must be the application's public key: 64 hex characters.");
            }
            if (options.Gateway.Enabled && string.IsNullOrWhiteSpace(options.BotToken))
            {
                failures.Add("Discord:Gateway:Enabled needs Discord:BotToken (set it with the Discord__BotToken environment variable).");
            }
        }
        else if (options.Gateway.Enabled)
        {
            failures.Add("Discord:Gateway:Enabled needs Discord:ApplicationId.");
        }
        if (options.Gateway.Url is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("ws" or "wss")))
        {
            failures.Add("Discord:Gateway:Url must be an absolute ws:// or wss:// URL.");
        }
        if (options.SignatureMaxAge < TimeSpan.Zero)
        {
            failures.Add("Discord:SignatureMaxAge must be zero (no check) or positive.");
        }
        if (options.UserRateLimitWindow <= TimeSpan.Zero)
        {
            failures.Add("Discord:UserRateLimitWindow must be positive.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
