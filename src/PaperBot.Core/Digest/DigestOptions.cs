using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Digest;

/// <summary>
/// The daily digest (<c>Digest:*</c>). Channels bind their own digest settings from the same section (the webhook
/// host allow-list, Teams digest admins), and each configured subscription's target is checked by its channel
/// (<see cref="DigestSubscriptionTargetsValidator"/>).
/// </summary>
public sealed class DigestOptions : IValidatableObject
{
    public const string SectionName = "Digest";

    /// <summary>Run the scheduler in <c>paperbot serve</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Post a one-line note when nothing is new (default: post nothing).</summary>
    public bool PostWhenEmpty { get; set; }

    [Range(1, DigestFilters.MaxItemsLimit)]
    public int DefaultMaxItems { get; set; } = 10;

    /// <summary>A new subscription's first digest also lists papers that arrived this long before it was created.</summary>
    [Range(0, 24 * 366)]
    public int FirstDigestLookbackHours { get; set; } = 24;

    /// <summary>How often the scheduler looks for due digests and new subscriptions, at most.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>How long a claimed digest is reserved for the process sending it; after that another may take it over.</summary>
    [Range(1, 3600)]
    public int ClaimLeaseSeconds { get; set; } = 300;

    /// <summary>Delivery attempts of one digest (each with its own HTTP retries) before it is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; doubles for each later one.</summary>
    [Range(1, 86_400)]
    public int RetryAfterSeconds { get; set; } = 60;

    /// <summary>Subscriptions defined in configuration, upserted by name at start-up.</summary>
    public List<DigestSubscriptionSettings> Subscriptions { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Subscriptions.Count; i++)
        {
            var s = Subscriptions[i];
            var where = $"Digest:Subscriptions:{i}";
            if (string.IsNullOrWhiteSpace(s.Name))
            {
                yield return new ValidationResult($"{where}:Name is required (it is how the subscription is found again on restart).");
            }
            else if (!names.Add(s.Name))
            {
                yield return new ValidationResult($"{where}:Name \"{s.Name}\" is used twice.");
            }
            if (DigestSchedule.TryCreate(s.Cron, s.TimeZone, out var scheduleError) is null)
            {
                yield return new ValidationResult($"{where}: {scheduleError}");
            }
            if (DigestFilters.Validate(s.Keywords, s.MinUpvotes, s.MaxItems ?? DefaultMaxItems) is { } filterError)
            {
                yield return new ValidationResult($"{where}: {filterError}");
            }
        }
    }
}
