using Microsoft.Extensions.Options;
using PaperBot.Host.Server;

namespace PaperBot.Host.Web;

/// <summary>
/// Refuses a web page that anyone on the network could use: listening beyond loopback needs a token or an
/// authenticating proxy. Reads the listening addresses from the host's configuration at validation time, after
/// <c>--urls</c> and the environment have been applied.
/// </summary>
public sealed class WebOptionsValidator(IConfiguration configuration) : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (options.TokenRequired && options.AccessToken!.Trim().Length < WebOptions.MinAccessTokenLength)
        {
            failures.Add($"Web:AccessToken must be at least {WebOptions.MinAccessTokenLength} characters (for example: openssl rand -hex 24).");
        }
        if (options.LoopbackOnly && ListenAddresses.NotLoopback(configuration) is { Count: > 0 } open)
        {
            failures.Add($"Web:Enabled serves the page on {string.Join(", ", open)}, which is not loopback; set Web__AccessToken "
                + "(from the environment) or Web:AuthenticatingProxyHeader, or listen on 127.0.0.1 only.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
