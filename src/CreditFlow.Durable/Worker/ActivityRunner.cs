using System.Diagnostics;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Tracing;
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
        // The span's parent is the step that scheduled it (carried in the outbox item), not whoever ran the dispatch.
        Activity.Current = null;
        HistoryEvent outcome;
        TraceContext? trace;
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
            (outcome, trace) = await InvokeAsync(session.InstanceId, activity);
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
            var message = new TaskMessage(session.InstanceId, activity.ExecutionId, outcome, $"{session.InstanceId}:{activity.ExecutionId}:result:{activity.TaskId}", Trace: trace);
            session.ActivityFinished(activity, message);
        }
    }

    /// <summary>Runs the activity in its span (<c>activity:{name}</c>); the result carries the span's context to the next step.</summary>
    private async Task<(HistoryEvent Outcome, TraceContext? Trace)> InvokeAsync(string instanceId, RunActivity activity)
    {
        using var span = DurableTelemetry.Source.StartActivity(
            ActivityKind.Server, activity.Trace?.ToParent() ?? default,
            [new(DurableTelemetry.TypeTag, "activity"), new(DurableTelemetry.NameTag, activity.Name), new(DurableTelemetry.InstanceTag, instanceId), new(DurableTelemetry.TaskIdTag, activity.TaskId)],
            name: $"activity:{activity.Name}");
        var started = Stopwatch.GetTimestamp();
        var outcome = await RunActivityAsync(instanceId, activity);
        if (outcome is TaskFailed failed)
        {
            span?.SetStatus(ActivityStatusCode.Error, failed.FailureDetails.ErrorMessage);
        }

        if (DurableTelemetry.ActivityDuration.Enabled)
        {
            DurableTelemetry.ActivityDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(DurableTelemetry.NameTag, activity.Name), new KeyValuePair<string, object?>("outcome", outcome is TaskFailed ? "failed" : "completed"));
        }

        return (outcome, TraceContext.Of(span) ?? activity.Trace);
    }

    private async Task<HistoryEvent> RunActivityAsync(string instanceId, RunActivity activity)
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
