using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>Captures every log message (all categories, all levels) with its exception text.</summary>
public sealed class TestLogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => p.Key + "=" + p.Value)) : "";
            messages.Enqueue(DateTime.UtcNow.ToString("HH:mm:ss.fff") + " " + category + " " + logLevel + " " + formatter(state, exception) + " " + structured + " " + exception);
        }
    }
}
