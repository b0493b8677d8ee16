using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Host.Cli;

/// <summary>
/// <c>paperbot migrate-storage --to postgres</c>: copies the SQLite file's listings and conversation history into the
/// PostgreSQL database of <c>Storage:ConnectionString</c>, then checks that a replica built from PostgreSQL alone has
/// every paper. Exit 0 when verified, 1 when something could not be copied (each named), 2 for a configuration error.
/// </summary>
public static class MigrateStorageCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "Where to move shared state: postgres", Required = true };
        var command = new Command("migrate-storage", "Copy this bot's listings, history, digests, Teams references and accepted work into PostgreSQL for several replicas, and verify the counts") { to };
        command.SetAction(parse =>
        {
            if (!string.Equals(parse.GetValue(to), "postgres", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine("migrate-storage: --to postgres is the only target.");
                return 2;
            }
            using var services = CliServices.Build(parse.GetValue(PaperBotCommandLine.DbOption), parse.GetValue(PaperBotCommandLine.VerboseOption));
            var shared = services.GetRequiredService<IOptions<SharedStorageOptions>>().Value;
            if (shared.Provider != StorageProvider.Postgres)
            {
                Console.Error.WriteLine("migrate-storage: set Storage:Provider=Postgres and Storage:ConnectionString (password in " +
                    $"{shared.PasswordVariable}) for the target database.");
                return 2;
            }
            var database = services.GetRequiredService<IOptions<StorageOptions>>().Value.Database;
            StorageMigrationReport report;
            try
            {
                report = services.GetRequiredService<SqliteToPostgresMigration>().Run(database);
            }
            catch (Exception e) when (e is NpgsqlException or FileNotFoundException or InvalidOperationException)
            {
                Console.Error.WriteLine($"migrate-storage failed, nothing is half-shared (each step is one transaction): {e.Message}");
                return 1;
            }
            if (parse.GetValue(PaperBotCommandLine.JsonOption))
            {
                Console.WriteLine(CliJson.Serialize(report));
            }
            else
            {
                var target = services.GetRequiredService<PostgresDatabase>().Describe();
                Console.WriteLine($"Listings: {report.ListingsPublished} published to {target}, {report.ListingsAlreadyShared} already there, {report.ListingsNotOnDisk.Count} not copied.");
                foreach (var missing in report.ListingsNotOnDisk)
                {
                    Console.WriteLine($"  not copied: {missing}");
                }
                Console.WriteLine($"Conversation turns: {report.TurnsCopied} copied, {report.TurnsAlreadyShared} already there.");
                foreach (var table in report.Tables)
                {
                    Console.WriteLine($"{char.ToUpperInvariant(table.Table[0])}{table.Table[1..]}: {table.InSqlite} in SQLite, {table.Copied} copied, " +
                        $"{table.AlreadyThere} already there{(table.NotCopied.Count > 0 ? $", {table.NotCopied.Count} not copied" : "")}.");
                    foreach (var why in table.NotCopied)
                    {
                        Console.WriteLine($"  not copied: {why}");
                    }
                }
                Console.WriteLine($"Check: papers {report.PapersInSqlite} in SQLite, {report.PapersRebuiltFromPostgres} in an index rebuilt from PostgreSQL; " +
                    $"turns {report.TurnsInSqlite} in SQLite, {report.TurnsInPostgres} in PostgreSQL: {(report.Verified ? "verified" : "NOT verified")}.");
            }
            return report.Verified ? 0 : 1;
        });
        return command;
    }
}
