using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Cli;

/// <summary>
/// Bad settings as one line for the person who wrote them. Start-up validation throws one
/// <see cref="OptionsValidationException"/> per options class, wrapped in an <see cref="AggregateException"/>
/// when more than one class is wrong; a value that cannot even be converted to its type (<c>Answering__MinCoverage=abc</c>)
/// makes the configuration binder throw an <see cref="InvalidOperationException"/> naming the key.
/// </summary>
public static partial class ConfigurationErrors
{
    public static bool TryDescribe(Exception exception, out string message)
    {
        var failures = Failures(exception);
        message = failures is null ? "" : "Configuration error: " + string.Join("; ", failures);
        return failures is not null;
    }

    private static List<string>? Failures(Exception exception) => exception switch
    {
        OptionsValidationException single => single.Failures.ToList(),
        AggregateException many when many.InnerExceptions.Count > 0 && many.InnerExceptions.All(e => Failures(e) is not null)
            => many.InnerExceptions.SelectMany(e => Failures(e)!).ToList(),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Failures(inner),
        InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } match
            => [Conversion(match.Groups["key"].Value, match.Groups["type"].Value, conversion.InnerException)],
        _ => null,
    };

    private static string Conversion(string key, string type, Exception? inner)
    {
        var expected = type switch
        {
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration such as 00:00:30",
            "System.Uri" => "an absolute URL",
            _ => $"a value of type {type.Replace("System.", "", StringComparison.Ordinal)}",
        };
        // The converter's own message names the bad value ("abc is not a valid value for Double.").
        var said = inner?.Message is { } m ? ParameterNote().Replace(m, "").Trim().TrimEnd('.') : "";
        var detail = said.Length is > 0 and < 200 && !said.Contains('\n', StringComparison.Ordinal) ? $" ({said})" : "";
        return $"{key} must be {expected}{detail}";
    }

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)")]
    private static partial Regex ParameterNote();

    [GeneratedRegex(@"^Failed to convert configuration value(?: '.*')? at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
