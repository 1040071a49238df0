namespace CreditFlow.Durable;

/// <summary>
/// Settings of the durable runtime, named after host.json's <c>extensions.durableTask</c> section of
/// Azure Durable Functions so that its users recognise them.
/// </summary>
public sealed record DurableTaskOptions
{
    /// <summary>The smallest and largest allowed <see cref="PartitionCount"/>.</summary>
    public const int MinPartitions = 1, MaxPartitions = 16;

    /// <summary>Name of the task hub: prefix of every table, queue and container the runtime uses.</summary>
    /// <remarks>3–45 characters, letters and digits, starting with a letter (the Durable Functions rule).</remarks>
    public string HubName { get; init; } = "CreditFlowHub";

    /// <summary>Number of control-queue partitions; fixed once the task hub exists.</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>Activities one process runs at once.</summary>
    public int MaxConcurrentActivityFunctions { get; init; } = 10;

    /// <summary>Orchestration work items one process runs at once.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10;

    /// <summary>Ceiling of the idle back-off between polls of an empty queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a received control message stays invisible to other workers. Its holder renews it
    /// while working; after a crash the message reappears when this runs out.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Lets a step that only schedules activities run them before its checkpoint, committing once
    /// the instance waits on something else or ends (at most <see cref="MaxDeferredSteps"/> steps).
    /// </summary>
    /// <remarks>
    /// Off by default: an activity's side effect must not rest on a decision that was not committed. A
    /// crash redoes the uncommitted steps; the engine repeats their time and GUIDs and defers only steps
    /// woken by one local activity result that await nothing else, but it cannot make an activity return
    /// the same result again. Turn it on only where every activity does (pure computations, reads that
    /// do not change), for the saved checkpoints.
    /// </remarks>
    public bool DeferCheckpointsForLocalActivities { get; init; }

    /// <summary>Most steps held back from a checkpoint by <see cref="DeferCheckpointsForLocalActivities"/>.</summary>
    public int MaxDeferredSteps { get; init; } = 50;

    /// <summary>
    /// How long a partition's blob lease lasts without renewal (15–60 s, the storage service's
    /// range). A killed process's partitions are taken over after at most this long.
    /// </summary>
    public TimeSpan PartitionLeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Dequeues after which a message that keeps failing moves to the poison queue.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Checks every value; empty when valid.</summary>
    /// <returns>One problem per bad setting, keyed by its host.json name under <c>extensions.durableTask</c>.</returns>
    public IReadOnlyList<OptionProblem> Validate()
    {
        var problems = new List<OptionProblem>();
        if (HubName.Length is < 3 or > 45 || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add(new("hubName", $"must be 3-45 letters or digits starting with a letter (was '{HubName}')."));
        }

        if (PartitionCount is < MinPartitions or > MaxPartitions)
        {
            problems.Add(new("storageProvider.partitionCount", $"must be between {MinPartitions} and {MaxPartitions} (was {PartitionCount})."));
        }

        if (MaxConcurrentActivityFunctions is < 1 or > 1000)
        {
            problems.Add(new("maxConcurrentActivityFunctions", $"must be between 1 and 1000 (was {MaxConcurrentActivityFunctions})."));
        }

        if (MaxConcurrentOrchestratorFunctions is < 1 or > 1000)
        {
            problems.Add(new("maxConcurrentOrchestratorFunctions", $"must be between 1 and 1000 (was {MaxConcurrentOrchestratorFunctions})."));
        }

        if (MaxQueuePollingInterval < TimeSpan.FromMilliseconds(100) || MaxQueuePollingInterval > TimeSpan.FromMinutes(5))
        {
            problems.Add(new("storageProvider.maxQueuePollingInterval", $"must be between 00:00:00.1 and 00:05:00 (was {MaxQueuePollingInterval})."));
        }

        if (ControlQueueVisibilityTimeout < TimeSpan.FromSeconds(1) || ControlQueueVisibilityTimeout > TimeSpan.FromHours(1))
        {
            problems.Add(new("storageProvider.controlQueueVisibilityTimeout", $"must be between 00:00:01 and 01:00:00 (was {ControlQueueVisibilityTimeout})."));
        }

        if (PartitionLeaseDuration < TimeSpan.FromSeconds(15) || PartitionLeaseDuration > TimeSpan.FromSeconds(60))
        {
            problems.Add(new("storageProvider.partitionLeaseDuration", $"must be between 00:00:15 and 00:01:00 (was {PartitionLeaseDuration})."));
        }

        if (MaxDequeueCount is < 1 or > 100)
        {
            problems.Add(new("storageProvider.maxDequeueCount", $"must be between 1 and 100 (was {MaxDequeueCount})."));
        }

        return problems;
    }
}

/// <summary>A setting that failed validation.</summary>
/// <param name="Key">The setting's name, relative to its section.</param>
/// <param name="Problem">What is wrong and what was found.</param>
public sealed record OptionProblem(string Key, string Problem);
