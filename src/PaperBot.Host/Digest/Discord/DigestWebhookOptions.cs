using System.ComponentModel.DataAnnotations;
using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Discord;

/// <summary>Where digest webhooks may point (<c>Digest:AllowedWebhookHosts</c>, in the digest's section as before).</summary>
public sealed class DigestWebhookOptions : IValidatableObject
{
    public const string SectionName = DigestOptions.SectionName;

    /// <summary>Hosts a webhook URL may point at; tests add 127.0.0.1.</summary>
    public List<string> AllowedWebhookHosts { get; set; } = ["discord.com", "discordapp.com"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedWebhookHosts.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Digest:AllowedWebhookHosts may not contain empty entries.");
        }
    }
}
