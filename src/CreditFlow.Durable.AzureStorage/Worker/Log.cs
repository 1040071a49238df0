using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>What the worker on Microsoft's engine logs, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information,
        Message = "Durable runtime: Microsoft's Durable Task Framework on Azure Storage (storageProvider.type AzureStorage), task hub {HubName}, {PartitionCount} partitions, extended sessions {ExtendedSessions}. " +
                  "On this engine durable timers and orchestration time follow the wall clock, there is no poison queue, and the CreditFlow-only settings (partitionLeaseDuration, maxDequeueCount) do not apply.")]
    public static partial void Started(ILogger logger, string hubName, int partitionCount, bool extendedSessions);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning,
        Message = "A TimeProvider other than the system clock is registered ({ClockType}). Microsoft's engine (storageProvider.type AzureStorage) cannot follow it: durable timers and orchestration time stay on the wall clock, " +
                  "and only activities see the injected clock. Use storageProvider.type CreditFlow where time must move with it (rehearsals, tests of long timers).")]
    public static partial void ClockNotFollowed(ILogger logger, string clockType);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Storage did not answer while starting task hub {HubName}; retrying in {Delay}.")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string hubName, TimeSpan delay);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Error, Message = "Instance {InstanceId} cannot run: {Problem}")]
    public static partial void CannotRun(ILogger logger, string instanceId, string problem);
}
