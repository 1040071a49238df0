using CreditFlow.Durable.History;

namespace CreditFlow.Durable.Execution;

/// <summary>What one step of an orchestrator produced.</summary>
internal sealed record ExecutionResult(
    IReadOnlyList<OrchestratorAction> NewActions,
    string? CustomStatus,
    ExecutionOutcome? Outcome);

/// <summary>How the execution ended in this step, when it did.</summary>
internal abstract record ExecutionOutcome;

internal sealed record CompletedOutcome(string? Output) : ExecutionOutcome;

internal sealed record FailedOutcome(TaskFailureDetails Failure) : ExecutionOutcome;

/// <summary>The execution continues as a new one; <see cref="CarriedEvents"/> were raised but not consumed.</summary>
internal sealed record ContinuedAsNewOutcome(string? Input, IReadOnlyList<EventRaised> CarriedEvents) : ExecutionOutcome;
