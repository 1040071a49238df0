using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Durable.Worker;

/// <summary>
/// Runs activities in this process, beside the orchestration that scheduled them, within the
/// host's activity concurrency limit. Each call gets a fresh DI scope and an activity from the SDK's
/// task factory.
/// </summary>
internal sealed class ActivityRunner(CreditFlowDurableTaskWorker worker, IDurableTaskFactory factory, IServiceProvider services, int maxConcurrent)
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
        try
        {
            await using var scope = services.CreateAsyncScope();
            if (!factory.TryCreateActivity(new TaskName(activity.Name), scope.ServiceProvider, out var instance))
            {
                return new TaskFailed(activity.TaskId, FailureDetails.Of("ActivityNotFound", $"No activity named '{activity.Name}' is registered in this worker."));
            }

            var input = PayloadConverter.FromJson(activity.Input, instance.InputType);
            var output = await instance.RunAsync(new ActivityContext(activity.Name, instanceId, activity.ExecutionId, activity.TaskId), input);
            return new TaskCompleted(activity.TaskId, PayloadConverter.ToJson(output));
        }
        catch (Exception e) when (e is not SimulatedCrashException)
        {
            return new TaskFailed(activity.TaskId, FailureDetails.FromException(e));
        }
    }
}
