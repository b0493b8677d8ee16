using Microsoft.Extensions.Options;
using Npgsql;

namespace PaperBot.Core.Storage;

/// <summary>Checks the <c>Storage</c> section at start-up, so a bad connection string fails before the first request.</summary>
public sealed class SharedStorageOptionsValidator : IValidateOptions<SharedStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SharedStorageOptions options)
    {
        if (options.Provider != StorageProvider.Postgres)
        {
            return ValidateOptionsResult.Success;
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Storage:Provider is Postgres but Storage:ConnectionString is empty (for example Host=db;Database=paperbot;Username=paperbot).");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"Storage:ConnectionString is not a PostgreSQL connection string: {e.Message}");
        }
        if (!string.IsNullOrEmpty(builder.Password))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:ConnectionString contains a password; remove it and set the environment variable {options.PasswordVariable} instead.");
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return ValidateOptionsResult.Fail("Storage:ConnectionString names no Host.");
        }
        return ValidateOptionsResult.Success;
    }
}
