using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.Tests.Execution;

public sealed class ReplaySafeLoggerTests
{
    [Fact]
    public void Log_WhileReplaying_IsDroppedAndAfterwardsWritten()
    {
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink));
        var context = new ReplayOrchestrationContext("i1", new ExecutionStarted("Process", "e1", null), null, factory);
        var logger = context.CreateReplaySafeLogger("test");

        context.Replaying = true;
        logger.LogInformation("during replay");
        context.Replaying = false;
        logger.LogInformation("live");

        Assert.Equal(["live"], sink.Lines);
    }

    private sealed class ListLoggerProvider : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Lines.Add(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
