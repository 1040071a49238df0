using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Durable.Worker;

/// <summary>
/// Runs activities in this process, beside the orchestration that scheduled them, within the
/// host's activity concurrency limit. Each call gets a fresh DI scope and activity instance.
/// </summary>
internal sealed class ActivityRunner(DurableTaskWorker worker, DurableTaskRegistry registry, IServiceProvider services, int maxConcurrent)
{
    private readonly SemaphoreSlim _slots = new(maxConcurrent, maxConcurrent);

    public void Start(InstanceSession session, RunActivity activity) => _ = Task.Run(() => RunAsync(session, activity));

    private async Task RunAsync(InstanceSession session, RunActivity activity)
    {
        HistoryEvent outcome;
        try
        {
            await _slots.WaitAsync(worker.Stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            outcome = await InvokeAsync(session.InstanceId, activity);
        }
        finally
        {
            _slots.Release();
        }

        try
        {
            worker.Faults?.At(FaultPoint.ActivityCompleted, session.InstanceId);
        }
        catch (SimulatedCrashException)
        {
            worker.Crash();
            return;
        }

        if (!worker.Stopping.IsCancellationRequested)
        {
            var message = new TaskMessage(session.InstanceId, activity.ExecutionId, outcome, $"{session.InstanceId}:{activity.ExecutionId}:result:{activity.TaskId}");
            session.ActivityFinished(activity, message);
        }
    }

    private async Task<HistoryEvent> InvokeAsync(string instanceId, RunActivity activity)
    {
        if (!registry.Activities.TryGetValue(activity.Name, out var type))
        {
            return new TaskFailed(activity.TaskId, new TaskFailureDetails("ActivityNotFound", $"No activity named '{activity.Name}' is registered in this worker.", null));
        }

        try
        {
            await using var scope = services.CreateAsyncScope();
            var instance = (ITaskActivity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
            var input = JsonDataConverter.Deserialize(activity.Input, instance.InputType);
            var context = new TaskActivityContext(activity.Name, instanceId, activity.TaskId, activity.ExecutionId);
            var output = await instance.RunAsync(context, input);
            return new TaskCompleted(activity.TaskId, JsonDataConverter.Serialize(output));
        }
        catch (Exception e) when (e is not SimulatedCrashException)
        {
            return new TaskFailed(activity.TaskId, TaskFailureDetails.FromException(e));
        }
    }
}
