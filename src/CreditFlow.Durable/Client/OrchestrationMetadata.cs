using CreditFlow.Durable.Execution;

namespace CreditFlow.Durable;

/// <summary>An orchestration instance's status as a client sees it.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>Where the instance is in its life.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance (its current execution) was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its status last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The input as JSON (only when inputs and outputs were asked for).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON (only when inputs and outputs were asked for).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent instance, for sub-orchestrations.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>True while running or suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    /// <summary>True once it reached a terminal state.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input, deserialized.</summary>
    public T? ReadInputAs<T>() => JsonDataConverter.Deserialize<T>(SerializedInput);

    /// <summary>The output, deserialized.</summary>
    public T? ReadOutputAs<T>() => JsonDataConverter.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status, deserialized.</summary>
    public T? ReadCustomStatusAs<T>() => JsonDataConverter.Deserialize<T>(SerializedCustomStatus);
}
