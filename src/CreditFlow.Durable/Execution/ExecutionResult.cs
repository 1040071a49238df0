using CreditFlow.Durable.History;

namespace CreditFlow.Durable.Execution;

/// <summary>What one step of an orchestrator produced.</summary>
/// <param name="OpenDurableWork">Calls, timers and event waits the code still awaits after the step.</param>
internal sealed record ExecutionResult(
    IReadOnlyList<OrchestratorAction> NewActions,
    string? CustomStatus,
    ExecutionOutcome? Outcome,
    int OpenDurableWork = 0);

/// <summary>How the execution ended in this step, when it did.</summary>
internal abstract record ExecutionOutcome;

internal sealed record CompletedOutcome(string? Output) : ExecutionOutcome;

internal sealed record FailedOutcome(FailureDetails Failure) : ExecutionOutcome;

/// <summary>The execution continues as a new one on <see cref="Version"/>; <see cref="CarriedEvents"/> arrived but were not consumed.</summary>
internal sealed record ContinuedAsNewOutcome(string? Input, string? Version, IReadOnlyList<EventRaised> CarriedEvents) : ExecutionOutcome;
