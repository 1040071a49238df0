using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>One activity call: created in its own service scope, as on CreditFlow's engine, and run through the SDK's shim.</summary>
internal sealed class ScopedActivity(Microsoft.DurableTask.TaskName name, IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    : DurableTask.Core.TaskActivity
{
    /// <inheritdoc />
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("The engine runs activities through RunAsync.");

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!factory.TryCreateActivity(name, scope.ServiceProvider, out var activity))
        {
            throw new TypeMissingException($"No activity named '{name.Name}' is registered in this worker.");
        }

        return await shims.CreateActivity(name, activity).RunAsync(context, input);
    }
}
