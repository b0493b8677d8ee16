using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace PaperBot.Host.Cli;

/// <summary><c>paperbot doctor</c>: checks the configuration, database, corpus, models and endpoints; one line per finding, a fix for each problem.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for each endpoint (default 3)", DefaultValueFactory = _ => 3 };
        var command = new Command("doctor", "Check configuration, database, corpus, models and the reachability of every configured endpoint") { timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var db = parse.GetValue(PaperBotCommandLine.DbOption);
            var builder = new ConfigurationBuilder();
            HostConfiguration.Apply(builder, db);
            var configuration = builder.Build();
            var seconds = Math.Clamp(parse.GetValue(timeout), 0.2, 30);
            var doctor = new Doctor(configuration, () => CliServices.Build(db, verbose: false, validate: false), TimeSpan.FromSeconds(seconds));
            var findings = await doctor.RunAsync(cancellationToken);
            if (parse.GetValue(PaperBotCommandLine.JsonOption))
            {
                Console.WriteLine(CliJson.Serialize(findings.Select(f => new { verdict = f.Verdict.ToString().ToLowerInvariant(), f.Subject, f.Message, f.Fix })));
            }
            else
            {
                foreach (var finding in findings.OrderByDescending(f => f.Verdict))
                {
                    Console.WriteLine(finding);
                }
                var problems = findings.Count(f => f.Verdict == DoctorVerdict.Problem);
                Console.WriteLine(problems == 0 ? "No problems found." : $"{problems} problem(s) found.");
            }
            return findings.Any(f => f.Verdict == DoctorVerdict.Problem) ? 1 : 0;
        });
        return command;
    }
}
