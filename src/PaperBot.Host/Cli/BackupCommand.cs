using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Cli;

/// <summary>
/// <c>paperbot backup --out FILE</c>: an online backup of the database, safe while <c>paperbot serve</c> (or an
/// ingest) writes to it. It neither migrates nor changes the database it copies.
/// </summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The backup file to write (must not exist yet)", Required = true };
        var command = new Command("backup", "Copy the database to a file, consistently, while the server keeps running") { output };
        command.SetAction(parse =>
        {
            var configuration = new ConfigurationBuilder();
            HostConfiguration.Apply(configuration, parse.GetValue(PaperBotCommandLine.DbOption));
            var database = configuration.Build()[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Database)}"] ?? new StorageOptions().Database;
            try
            {
                var result = DatabaseBackup.Create(database, parse.GetValue(output)!);
                Console.WriteLine(parse.GetValue(PaperBotCommandLine.JsonOption)
                    ? CliJson.Serialize(result)
                    : $"Backed up {Path.GetFullPath(database)} to {result.File}: schema version {result.SchemaVersion}, {result.Papers} papers, " +
                      $"{result.Bytes / 1024.0 / 1024.0:0.0} MB, integrity ok.");
                return 0;
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Console.Error.WriteLine($"Backup failed: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
