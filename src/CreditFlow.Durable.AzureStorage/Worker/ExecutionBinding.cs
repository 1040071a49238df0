using DurableTask.Core;
using DurableTask.Core.Middleware;

namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>
/// Orchestration dispatcher middleware: hands each work item's history to its <see cref="RegisteredOrchestration"/>
/// before the engine runs it, so the version and the parent are known.
/// </summary>
internal static class ExecutionBinding
{
    public static Task BindAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        if (context.GetProperty<TaskOrchestration>() is RegisteredOrchestration orchestration && context.GetProperty<OrchestrationRuntimeState>() is { } state)
        {
            orchestration.Bind(state);
        }

        return next();
    }
}
