using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Teams.Connector;

namespace PaperBot.Host.Channels.Teams;

/// <summary>Checks the combinations data annotations cannot express, so a half-configured bot fails at start-up.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var failures = new List<string>();
        if (options.AuthenticationEnabled)
        {
            if (string.IsNullOrWhiteSpace(options.AppPassword))
            {
                failures.Add("Teams:AppPassword is required when Teams:AppId is set (the bot needs it to reply).");
            }
            if (options.AppType == TeamsAppType.SingleTenant && string.IsNullOrWhiteSpace(options.TenantId) && string.IsNullOrWhiteSpace(options.TokenEndpoint))
            {
                failures.Add("Teams:TenantId is required for a SingleTenant bot (or set Teams:AppType to MultiTenant).");
            }
        }
        foreach (var entry in options.AllowedServiceUrls)
        {
            if (!ServiceUrlAllowList.TryParseEntry(entry, out _))
            {
                failures.Add($"Teams:AllowedServiceUrls entry \"{entry}\" is not an absolute http(s) URL.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
