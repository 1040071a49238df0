using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.Middleware;

namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>
/// Orchestration dispatcher middleware: hands each work item's history to its <see cref="RegisteredOrchestration"/>
/// before the engine runs it, so the version and the parent are known.
/// </summary>
internal static class ExecutionBinding
{
    /// <summary>
    /// The error type an instance that no registered class can run fails with: the same as on CreditFlow's engine,
    /// so monitors and alerts read both alike.
    /// </summary>
    private static readonly string NotRunnable = typeof(NonDeterministicOrchestrationException).FullName!;

    public static Task BindAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        if (context.GetProperty<TaskOrchestration>() is not RegisteredOrchestration orchestration || context.GetProperty<OrchestrationRuntimeState>() is not { } state)
        {
            return next();
        }

        orchestration.Bind(state);
        if (orchestration.Problem is not { } problem)
        {
            return next();
        }

        // Replaying the history on other code would only end in the engine's own non-determinism error, which
        // does not say why; so the instance fails here, naming its version and the registered ones.
        context.SetProperty(new OrchestratorExecutionResult
        {
            Actions =
            [
                new OrchestrationCompleteOrchestratorAction
                {
                    Id = state.Events.Count,
                    OrchestrationStatus = OrchestrationStatus.Failed,
                    Result = problem,
                    FailureDetails = new FailureDetails(NotRunnable, problem, null, null, isNonRetriable: true),
                },
            ],
        });
        return Task.CompletedTask;
    }
}
