using CreditFlow.Testing;
using CreditFlow.Workflows.Warnings;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Host.Tests.Tasks;

/// <summary>
/// A fresh host's rounds (overdue tasks, nightly signals) find their tables: the first round waits until start-up has
/// created them, instead of logging a failure on storage that is a moment from existing.
/// </summary>
public sealed class FirstRoundTests
{
    [Fact]
    public async Task FreshHost_FirstNightlyRound_MeasuresWithoutFailing()
    {
        var azurite = await SharedAzurite.GetAsync();
        var log = new RoundLog();

        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, overrideServices: services => services.AddSingleton<ILoggerProvider>(log));
        var first = await log.FirstNightlyRound.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RoundMeasured, first);
    }

    private const int RoundFailed = 7301;
    private const int RoundMeasured = 7401;

    /// <summary>Tells how the first nightly round ended: measured, or failed.</summary>
    private sealed class RoundLog : ILoggerProvider, ILogger
    {
        private static readonly string NightlyCategory = typeof(NightlySignalRound).FullName!;

        public TaskCompletionSource<int> FirstNightlyRound { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ILogger CreateLogger(string categoryName) => categoryName == NightlyCategory ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is RoundFailed or RoundMeasured)
            {
                FirstNightlyRound.TrySetResult(eventId.Id);
            }
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public void Dispose()
        {
        }
    }
}
