namespace PaperBot.Host.Reliability;

/// <summary>
/// Wraps a logger provider (console, or whatever else is configured) so every entry passes through the
/// <see cref="SecretRedactor"/> first: the formatted message, the structured values and the exception text.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, SecretRedactor redactor) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    // The inner provider belongs to the container, which disposes it.
    public void Dispose()
    {
    }

    private sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }
            var message = redactor.Redact(formatter(state, exception));
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is string or Uri ? redactor.Redact(p.Value.ToString()!) : p.Value)).ToList()
                : [];
            var redactedException = exception is null ? null : new RedactedException(exception, redactor);
            inner.Log(logLevel, eventId, new RedactedLogState(message, values), redactedException, static (s, _) => s.Message);
        }
    }
}
