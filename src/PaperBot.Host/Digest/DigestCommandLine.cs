using System.CommandLine;
using System.Globalization;
using PaperBot.Core.Digest;
using PaperBot.Host.Cli;

namespace PaperBot.Host.Digest;

/// <summary><c>paperbot digest subscribe|unsubscribe|list|preview|send-now</c>.</summary>
public static class DigestCommandLine
{
    public static Command Create()
    {
        var command = new Command("digest", "The daily digest: subscriptions, previews and sending what is due");
        command.Subcommands.Add(Subscribe());
        command.Subcommands.Add(Unsubscribe());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Preview());
        command.Subcommands.Add(SendNow());
        return command;
    }

    private static Command Subscribe()
    {
        var webhook = new Option<string?>("--discord-webhook") { Description = "A Discord channel webhook URL (https://discord.com/api/webhooks/ID/TOKEN)" };
        var channel = new Option<string?>("--discord-channel") { Description = "A Discord channel id (posted to by the bot)" };
        var teams = new Option<string?>("--teams-conversation") { Description = "A Teams conversation id (posted to proactively)" };
        var cron = new Option<string?>("--cron") { Description = "When, as five-field cron (default \"0 9 * * *\")" };
        var tz = new Option<string?>("--tz") { Description = "IANA time zone the cron is read in (default UTC)" };
        var keywords = new Option<string?>("--keywords") { Description = "Comma-separated; a paper must mention one" };
        var minUpvotes = new Option<int>("--min-upvotes") { Description = "Leave out papers with fewer upvotes" };
        var maxItems = new Option<int?>("--max-items") { Description = "Most papers per digest (default Digest:DefaultMaxItems)" };
        var command = new Command("subscribe", "Subscribe a channel to the digest; prints the subscription's id")
            { webhook, channel, teams, cron, tz, keywords, minUpvotes, maxItems };
        command.SetAction(parse => PaperBotCommandLine.Run(parse, (services, json) =>
        {
            var given = new (string? Value, string Kind)[]
            {
                (parse.GetValue(webhook), Discord.DiscordWebhookTarget.KindName),
                (parse.GetValue(channel), Discord.DiscordChannelTarget.KindName),
                (parse.GetValue(teams), Teams.TeamsConversationTarget.KindName),
            }.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToList();
            if (given.Count != 1)
            {
                Console.Error.WriteLine("Give exactly one of --discord-webhook, --discord-channel, --teams-conversation.");
                return 2;
            }
            var store = services.GetRequiredService<IDigestSubscriptionStore>();
            var created = store.TryCreate(new NewDigestSubscription(new DigestTarget(given[0].Kind, given[0].Value!), parse.GetValue(cron), parse.GetValue(tz),
                DigestFilters.ParseKeywords(parse.GetValue(keywords)), parse.GetValue(minUpvotes), parse.GetValue(maxItems), "cli", Environment.UserName), out var error);
            if (created is null)
            {
                Console.Error.WriteLine("Not subscribed: " + error);
                return 1;
            }
            var dispatcher = services.GetRequiredService<DigestDispatcher>();
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(DigestCliOutput.From(created, dispatcher, services.GetRequiredService<IDigestOutbox>(), services.GetRequiredService<DigestTargetKinds>())));
            }
            else
            {
                Console.WriteLine(created.Id);
                Console.Error.WriteLine($"Subscribed {services.GetRequiredService<DigestTargetKinds>().Display(created.Target)}: {DigestCommands.Describe(created)}.");
            }
            if (!dispatcher.HasSender(created.Target.Kind))
            {
                Console.Error.WriteLine($"Note: this build has no sender for {created.Target.Kind} targets yet; its digests will be reported as failed until one is added.");
            }
            return 0;
        }));
        return command;
    }

    private static Command Unsubscribe()
    {
        var id = new Argument<string>("id") { Description = "The subscription's id, as printed by subscribe and list" };
        var command = new Command("unsubscribe", "Stop a subscription (its history is kept)") { id };
        command.SetAction(parse => PaperBotCommandLine.Run(parse, (services, json) =>
        {
            ApplyConfigured(services);
            var store = services.GetRequiredService<IDigestSubscriptionStore>();
            var subscription = store.Get(parse.GetValue(id) ?? "");
            if (subscription is null)
            {
                Console.Error.WriteLine($"No digest subscription has the id \"{parse.GetValue(id)}\". See: paperbot digest list");
                return 1;
            }
            var stopped = store.Deactivate(subscription.Id, "unsubscribed from the CLI");
            var cancelled = services.GetRequiredService<IDigestOutbox>().CancelUnfinished(subscription.Id, "unsubscribed", services.GetRequiredService<TimeProvider>().GetUtcNow());
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(new { id = subscription.Id, unsubscribed = stopped, was_active = subscription.Active, cancelled_digests = cancelled }));
            }
            else
            {
                Console.WriteLine(stopped ? $"Unsubscribed {subscription.Id} ({services.GetRequiredService<DigestTargetKinds>().Display(subscription.Target)})." : $"{subscription.Id} was already stopped.");
                if (subscription.ConfigName is not null)
                {
                    Console.Error.WriteLine($"Note: it is defined in configuration (\"{subscription.ConfigName}\") and comes back on the next start unless removed there.");
                }
            }
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Every subscription: target, schedule, filters, state, next and last digest");
        command.SetAction(parse => PaperBotCommandLine.Run(parse, (services, json) =>
        {
            ApplyConfigured(services);
            var dispatcher = services.GetRequiredService<DigestDispatcher>();
            var outbox = services.GetRequiredService<IDigestOutbox>();
            var all = services.GetRequiredService<IDigestSubscriptionStore>().List().Select(s => DigestCliOutput.From(s, dispatcher, outbox, services.GetRequiredService<DigestTargetKinds>())).ToList();
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(all));
                return 0;
            }
            if (all.Count == 0)
            {
                Console.WriteLine("No digest subscriptions. Add one with: paperbot digest subscribe --discord-webhook URL");
            }
            foreach (var s in all)
            {
                Console.WriteLine($"{s.Id}  {(s.Active ? "active " : "stopped")}  {s.Target}");
                Console.WriteLine($"    cron \"{s.Cron}\" {s.TimeZone}; keywords [{string.Join(", ", s.Keywords)}]; min upvotes {s.MinUpvotes}; max items {s.MaxItems}; from {s.Origin}");
                if (s.NextDue is { } next)
                {
                    Console.WriteLine($"    next digest {next.ToString("u", CultureInfo.InvariantCulture)}" + (s.SenderAvailable ? "" : " (no sender for this target kind in this build)"));
                }
                if (s.LastDigest is { } last)
                {
                    Console.WriteLine($"    last digest {last.PeriodAt.ToString("u", CultureInfo.InvariantCulture)}: {last.State}, {last.Papers} papers" + (last.Error is null ? "" : " — " + last.Error));
                }
                if (s.DeactivatedReason is not null)
                {
                    Console.WriteLine($"    stopped: {s.DeactivatedReason}");
                }
            }
            return 0;
        }));
        return command;
    }

    private static Command Preview()
    {
        var subscription = new Option<string?>("--subscription") { Description = "Only this subscription (default: every active one)" };
        var command = new Command("preview", "Show what the next digest would contain, composed now; nothing is sent") { subscription };
        command.SetAction((parse, cancellationToken) => PaperBotCommandLine.RunAsync(parse, async (services, json) =>
        {
            ApplyConfigured(services);
            var chosen = Choose(services, parse.GetValue(subscription), out var problem);
            if (problem is not null)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }
            var dispatcher = services.GetRequiredService<DigestDispatcher>();
            var previews = new List<DigestCliOutput.PreviewOutput>();
            foreach (var s in chosen)
            {
                var content = await dispatcher.PreviewAsync(s, cancellationToken);
                previews.Add(new DigestCliOutput.PreviewOutput(s.Id, content.Heading, content.WindowStart, content.WindowEnd, content.NewPapers, content.Items));
                if (!json)
                {
                    Console.WriteLine($"== {s.Id} ({services.GetRequiredService<DigestTargetKinds>().Display(s.Target)})");
                    Console.WriteLine(DigestCommands.ToReply(content).ToPlainText());
                    Console.WriteLine();
                }
            }
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(previews));
            }
            else if (chosen.Count == 0)
            {
                Console.WriteLine("No active digest subscriptions to preview.");
            }
            return 0;
        }));
        return command;
    }

    private static Command SendNow()
    {
        var subscription = new Option<string?>("--subscription")
        {
            Description = "Send this subscription's digest now, whatever its schedule (default: send what is due for every active one)",
        };
        var command = new Command("send-now",
            "Send what is due now, or one subscription's digest at once, under the same exactly-once rules as the scheduler") { subscription };
        command.SetAction((parse, cancellationToken) => PaperBotCommandLine.RunAsync(parse, async (services, json) =>
        {
            ApplyConfigured(services);
            var id = parse.GetValue(subscription);
            if (id is not null && Choose(services, id, out var problem) is { Count: 0 })
            {
                Console.Error.WriteLine(problem);
                return 1;
            }
            var dispatcher = services.GetRequiredService<DigestDispatcher>();
            var store = services.GetRequiredService<IDigestSubscriptionStore>();
            // What was due is read before the run: afterwards every due subscription's anchor has moved on.
            var active = store.List(activeOnly: true);
            var time = services.GetRequiredService<TimeProvider>();
            var due = active.Where(s => dispatcher.NextDueFor(s) is { } next && next <= time.GetUtcNow()).Select(s => s.Id).ToHashSet();
            var deliveries = id is null
                ? await dispatcher.RunDueAsync(null, cancellationToken)
                : await dispatcher.SendNowAsync(id, cancellationToken);
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(deliveries.Select(DigestCliOutput.From).ToList()));
            }
            else
            {
                foreach (var d in deliveries)
                {
                    Console.WriteLine($"{d.SubscriptionId}  {DigestCliOutput.Outcome(d.Outcome),-11} {d.Papers} papers, {d.PartsSent} part(s) posted  {d.Target}" +
                                      (d.Detail is null ? "" : "  — " + d.Detail));
                }
                Console.WriteLine(id is null
                    ? DescribeDueRun(active, due, deliveries, dispatcher)
                    : Count(deliveries, DigestDeliveryOutcome.Sent) > 0
                        ? $"Sent {id}'s digest now; its next scheduled digest covers only papers that arrive after this one."
                        : $"Nothing was posted for {id} (see above).");
            }
            var bad = deliveries.Any(d => d.Outcome is DigestDeliveryOutcome.Failed or DigestDeliveryOutcome.TargetGone or DigestDeliveryOutcome.InDoubt);
            return bad ? 1 : 0;
        }));
        return command;
    }

    /// <summary>One closing line for <c>send-now</c> without an id: what was due, what was sent, and when the next digest falls due.</summary>
    private static string DescribeDueRun(IReadOnlyList<DigestSubscription> active, HashSet<string> due, IReadOnlyList<DigestDelivery> deliveries,
        DigestDispatcher dispatcher)
    {
        if (active.Count == 0)
        {
            return "No active digest subscriptions. Add one with: paperbot digest subscribe --discord-webhook URL";
        }
        var line = $"{active.Count} active subscription(s), {due.Count} due now; {Count(deliveries, DigestDeliveryOutcome.Sent)} digest(s) posted, " +
                   $"{Count(deliveries, DigestDeliveryOutcome.Empty)} with nothing new.";
        if (deliveries.Count == 0)
        {
            var next = active.Select(s => (s.Id, Next: dispatcher.NextDueFor(s))).Where(n => n.Next is not null).OrderBy(n => n.Next).FirstOrDefault();
            line = "Nothing is due. " + line + (next.Next is { } at
                ? $" Next: {next.Id} at {at.ToString("u", CultureInfo.InvariantCulture)}."
                : "") + " To send one now anyway: paperbot digest send-now --subscription ID";
        }
        return line;
    }

    private static int Count(IReadOnlyList<DigestDelivery> deliveries, DigestDeliveryOutcome outcome) => deliveries.Count(d => d.Outcome == outcome);

    private static List<DigestSubscription> Choose(IServiceProvider services, string? id, out string? problem)
    {
        problem = null;
        var store = services.GetRequiredService<IDigestSubscriptionStore>();
        if (id is null)
        {
            return store.List(activeOnly: true).ToList();
        }
        var one = store.Get(id);
        if (one is null || !one.Active)
        {
            problem = one is null ? $"No digest subscription has the id \"{id}\". See: paperbot digest list" : $"{id} is stopped: {one.DeactivatedReason}";
            return [];
        }
        return [one];
    }

    private static void ApplyConfigured(IServiceProvider services) => services.GetRequiredService<DigestConfiguredSubscriptions>().Apply();
}
