namespace CreditFlow.Durable.AzureStorage;

/// <summary>
/// Settings of Microsoft's engine (DurableTask.AzureStorage), named after host.json's
/// <c>extensions.durableTask</c> section of Durable Functions with <c>storageProvider.type</c> = <c>AzureStorage</c>.
/// </summary>
/// <remarks>
/// The defaults are Durable Functions' own, except the concurrency limits, which follow CreditFlow's
/// host.json so that both engines are given the same share of a machine.
/// </remarks>
public sealed record AzureStorageEngineOptions
{
    /// <summary>Name of the task hub: prefix of every table, queue and container the engine uses.</summary>
    /// <remarks>3–45 characters, letters and digits, starting with a letter (the Durable Functions rule).</remarks>
    public string HubName { get; init; } = "CreditFlowHub";

    /// <summary>Number of control queues; fixed once the task hub exists (the engine keeps the first value in <c>taskhub.json</c>).</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>Activities one process runs at once.</summary>
    public int MaxConcurrentActivityFunctions { get; init; } = 10;

    /// <summary>Orchestration work items one process runs at once.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10;

    /// <summary>
    /// Keeps an orchestration's history in memory between its steps (<c>extendedSessionsEnabled</c>), so a
    /// step after an activity does not reload it from the History table.
    /// </summary>
    public bool ExtendedSessionsEnabled { get; init; }

    /// <summary>How long an idle extended session stays in memory (<c>extendedSessionIdleTimeoutInSeconds</c>).</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Ceiling of the idle back-off between polls of an empty queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a received control message stays invisible to other workers.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Partition ownership in a table (<c>&lt;hub&gt;Partitions</c>, the engine's default since 2.x) rather
    /// than in blob leases. Only the table form shows owners on the monitor's partitions page.
    /// </summary>
    public bool UseTablePartitionManagement { get; init; } = true;

    /// <summary>
    /// This process's name in partition ownership. The engine's default is the machine name, which several
    /// processes on one machine would share; so the default here adds the process id.
    /// </summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Checks every value; empty when valid.</summary>
    /// <returns>One problem per bad setting, keyed by its host.json name under <c>extensions.durableTask</c>.</returns>
    public IReadOnlyList<OptionProblem> Validate()
    {
        var problems = new List<OptionProblem>();
        if (HubName.Length is < 3 or > 45 || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add(new("hubName", $"must be 3-45 letters or digits starting with a letter (was '{HubName}')."));
        }

        if (PartitionCount is < 1 or > 16)
        {
            problems.Add(new("storageProvider.partitionCount", $"must be between 1 and 16 (was {PartitionCount})."));
        }

        if (MaxConcurrentActivityFunctions is < 1 or > 1000)
        {
            problems.Add(new("maxConcurrentActivityFunctions", $"must be between 1 and 1000 (was {MaxConcurrentActivityFunctions})."));
        }

        if (MaxConcurrentOrchestratorFunctions is < 1 or > 1000)
        {
            problems.Add(new("maxConcurrentOrchestratorFunctions", $"must be between 1 and 1000 (was {MaxConcurrentOrchestratorFunctions})."));
        }

        if (ExtendedSessionIdleTimeout < TimeSpan.FromSeconds(1) || ExtendedSessionIdleTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add(new("extendedSessionIdleTimeoutInSeconds", $"must be between 1 and 600 (was {ExtendedSessionIdleTimeout.TotalSeconds})."));
        }

        if (MaxQueuePollingInterval < TimeSpan.FromMilliseconds(100) || MaxQueuePollingInterval > TimeSpan.FromMinutes(5))
        {
            problems.Add(new("storageProvider.maxQueuePollingInterval", $"must be between 00:00:00.1 and 00:05:00 (was {MaxQueuePollingInterval})."));
        }

        if (ControlQueueVisibilityTimeout < TimeSpan.FromSeconds(1) || ControlQueueVisibilityTimeout > TimeSpan.FromHours(1))
        {
            problems.Add(new("storageProvider.controlQueueVisibilityTimeout", $"must be between 00:00:01 and 01:00:00 (was {ControlQueueVisibilityTimeout})."));
        }

        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            problems.Add(new("workerId", "must not be empty."));
        }

        return problems;
    }
}
