using Microsoft.Extensions.Options;

namespace PaperBot.Host.Cli;

/// <summary>
/// Bad settings as one line for the person who wrote them. Start-up validation throws one
/// <see cref="OptionsValidationException"/> per options class, wrapped in an <see cref="AggregateException"/>
/// when more than one class is wrong.
/// </summary>
public static class ConfigurationErrors
{
    public static bool TryDescribe(Exception exception, out string message)
    {
        var failures = exception switch
        {
            OptionsValidationException single => single.Failures.ToList(),
            AggregateException many when many.InnerExceptions.Count > 0 && many.InnerExceptions.All(e => e is OptionsValidationException)
                => many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList(),
            _ => null,
        };
        message = failures is null ? "" : "Configuration error: " + string.Join("; ", failures);
        return failures is not null;
    }
}
