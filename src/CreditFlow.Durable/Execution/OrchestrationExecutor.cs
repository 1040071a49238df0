using CreditFlow.Durable.History;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.Execution;

/// <summary>
/// Replays an orchestrator over its history and runs it forward over the new events, on one
/// thread with its own synchronization context so the result is the same every time.
/// </summary>
internal static class OrchestrationExecutor
{
    /// <param name="orchestrator">The orchestrator's code.</param>
    /// <param name="instanceId">The instance being run.</param>
    /// <param name="history">The execution's whole history, ending with the step's new events.</param>
    /// <param name="firstNewEvent">Index of the first event the code has not seen yet.</param>
    /// <param name="loggerFactory">For replay-safe loggers.</param>
    public static ExecutionResult Execute(
        ITaskOrchestrator orchestrator, string instanceId, IReadOnlyList<HistoryEvent> history, int firstNewEvent, ILoggerFactory? loggerFactory)
    {
        var started = history.OfType<ExecutionStarted>().First();
        var context = new ReplayOrchestrationContext(instanceId, started.Name, started.ExecutionId, started.Parent, loggerFactory);
        var sync = new ReplaySynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(sync);
        try
        {
            Task<object?>? run = null;
            var next = 0;
            for (; next < history.Count && run is not { IsCompleted: true }; next++)
            {
                var i = next;
                context.Replaying = i < firstNewEvent;
                if (history[i] is ExecutionStarted start)
                {
                    run = orchestrator.RunAsync(context, JsonDataConverter.Deserialize(start.Input, orchestrator.InputType));
                }
                else
                {
                    context.Apply(history[i]);
                }

                sync.RunUntilIdle();
            }

            context.Replaying = false;
            var outcome = Outcome(run!, context);
            if (outcome is ContinuedAsNewOutcome continued)
            {
                // Events after the point where the code continued as new were never seen by it: carry them too.
                outcome = continued with { CarriedEvents = [.. continued.CarriedEvents, .. history.Skip(next).OfType<EventRaised>()] };
            }

            return new ExecutionResult(context.UnmatchedActions, context.CustomStatus, outcome);
        }
        catch (NonDeterministicOrchestrationException e)
        {
            return new ExecutionResult([], context.CustomStatus, new FailedOutcome(TaskFailureDetails.FromException(e)));
        }
        catch (System.Text.Json.JsonException e)
        {
            return new ExecutionResult([], context.CustomStatus, new FailedOutcome(TaskFailureDetails.FromException(e)));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static ExecutionOutcome? Outcome(Task<object?> run, ReplayOrchestrationContext context)
    {
        if (!run.IsCompleted)
        {
            return null;
        }

        if (run.IsFaulted)
        {
            var error = run.Exception!.InnerExceptions is [var single] ? single : run.Exception;
            return new FailedOutcome(TaskFailureDetails.FromException(error));
        }

        if (run.IsCanceled)
        {
            try
            {
                run.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException e)
            {
                return new FailedOutcome(TaskFailureDetails.FromException(e));
            }
        }

        if (context.ContinueAsNewRequest is { } next)
        {
            return next with { CarriedEvents = context.UnconsumedEvents() };
        }

        return new CompletedOutcome(JsonDataConverter.Serialize(run.Result));
    }
}
