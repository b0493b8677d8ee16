namespace PaperBot.Host.Reliability;

/// <summary>
/// Stands in for a logged exception so that what the log prints (type, message, inner exceptions, stack trace) has its
/// secrets masked; the original is kept as the inner exception for code that inspects it.
/// </summary>
public sealed class RedactedException : Exception
{
    private readonly string text;

    public RedactedException(Exception original, SecretRedactor redactor)
        : base(redactor.Redact(original.Message), original)
    {
        text = redactor.Redact(original.ToString());
    }

    public RedactedException()
    {
        text = "";
    }

    public RedactedException(string message)
        : base(message)
    {
        text = message;
    }

    public RedactedException(string message, Exception innerException)
        : base(message, innerException)
    {
        text = message;
    }

    public override string? StackTrace => null;

    public override string ToString() => text;
}
