using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.AzureStorage;

/// <summary>
/// One task hub of Microsoft's engine: the <see cref="AzureStorageOrchestrationService"/> that the worker and
/// the client of one process share, as a Durable Functions host shares it.
/// </summary>
public sealed class AzureStorageTaskHub : IDisposable
{
    /// <summary>Creates the engine's service for <paramref name="options"/>' hub; nothing is sent to storage yet.</summary>
    /// <param name="connectionString">The storage account (AzureWebJobsStorage).</param>
    /// <param name="options">The hub's settings.</param>
    /// <param name="loggerFactory">Where the engine's own logs go.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public AzureStorageTaskHub(string connectionString, AzureStorageEngineOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (options.Validate() is [var problem, ..])
        {
            throw new ArgumentException($"extensions.durableTask.{problem.Key} {problem.Problem}", nameof(options));
        }

        ConnectionString = connectionString;
        Options = options;
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = options.HubName,
            PartitionCount = options.PartitionCount,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            UseTablePartitionManagement = options.UseTablePartitionManagement,
            WorkerId = options.WorkerId,
            LoggerFactory = loggerFactory,

            // A start for an id that is still running is refused with OrchestrationAlreadyExistsException, as on
            // CreditFlow's engine, instead of being dropped without a word.
            ThrowExceptionOnInvalidDedupeStatus = true,
        });
    }

    /// <summary>The hub's settings.</summary>
    public AzureStorageEngineOptions Options { get; }

    /// <summary>The engine itself: orchestration service for the worker, client for the adapter.</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>The storage account, for what the engine does not expose (its partition table and control queues).</summary>
    internal string ConnectionString { get; }

    /// <summary>The control queue of partition <paramref name="index"/>, named as the engine names it.</summary>
    internal string ControlQueueName(int index) => $"{Options.HubName.ToLowerInvariant()}-control-{index:00}";

    /// <summary>The engine's partition table (table partition management).</summary>
    internal string PartitionTableName => $"{Options.HubName}Partitions";

    /// <inheritdoc />
    public void Dispose() => Service.Dispose();
}
