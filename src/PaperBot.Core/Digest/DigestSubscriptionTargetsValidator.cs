using Microsoft.Extensions.Options;

namespace PaperBot.Core.Digest;

/// <summary>
/// At start-up: every configured subscription names exactly one target, with a key some channel registered, and that
/// channel accepts the address (a webhook outside the allow-list stops start-up with the channel's reason).
/// </summary>
public sealed class DigestSubscriptionTargetsValidator(DigestTargetKinds kinds) : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Subscriptions.Count; i++)
        {
            var where = $"Digest:Subscriptions:{i}";
            var targets = options.Subscriptions[i].TargetsIn(kinds);
            if (targets.Count != 1)
            {
                errors.Add($"{where} needs exactly one of {string.Join(", ", kinds.All.Select(k => k.SettingName))}.");
                continue;
            }
            var (kind, address) = targets[0];
            if (kind.Check(address) is { } refused)
            {
                errors.Add($"{where}:{kind.SettingName}: {refused}");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
