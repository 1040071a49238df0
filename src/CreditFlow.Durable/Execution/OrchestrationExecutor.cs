using CreditFlow.Durable.History;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.Execution;

/// <summary>
/// Replays an orchestrator over its history and runs it forward over the new events, on one
/// thread with its own synchronization context so the result is the same every time.
/// </summary>
internal static class OrchestrationExecutor
{
    /// <param name="orchestrator">The orchestrator's code, of the version the execution started on.</param>
    /// <param name="instanceId">The instance being run.</param>
    /// <param name="history">The execution's whole history, ending with the step's new events.</param>
    /// <param name="firstNewEvent">Index of the first event the code has not seen yet.</param>
    /// <param name="loggerFactory">For replay-safe loggers.</param>
    public static ExecutionResult Execute(
        ITaskOrchestrator orchestrator, string instanceId, IReadOnlyList<HistoryEvent> history, int firstNewEvent, ILoggerFactory? loggerFactory)
    {
        var started = history.OfType<ExecutionStarted>().First();
        ReplayOrchestrationContext? context = null;
        var sync = new ReplaySynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(sync);
        try
        {
            context = new ReplayOrchestrationContext(instanceId, started, PayloadConverter.FromJson(started.Input, orchestrator.InputType), loggerFactory);
            Task<object?>? run = null;
            var next = 0;
            for (; next < history.Count && run is not { IsCompleted: true }; next++)
            {
                context.Replaying = next < firstNewEvent;
                if (history[next] is ExecutionStarted)
                {
                    run = orchestrator.RunAsync(context, context.GetInput<object?>());
                }
                else
                {
                    context.Apply(history[next]);
                }

                sync.RunUntilIdle();
            }

            context.Replaying = false;
            var outcome = Outcome(run!, context);
            if (outcome is ContinuedAsNewOutcome continued)
            {
                // Events after the point where the code continued as new were never seen by it: they
                // arrived at the boundary and belong to the next execution, whatever it preserves.
                outcome = continued with { CarriedEvents = [.. continued.CarriedEvents, .. history.Skip(next).OfType<EventRaised>()] };
            }
            else if (outcome is null && context.OpenDurableWork == 0)
            {
                // Nothing durable can ever wake this code again: it awaits a Task.Delay, I/O or another
                // thread. Fail now, clearly, instead of leaving the instance Running forever.
                outcome = new FailedOutcome(FailureDetails.Of(
                    typeof(InvalidOperationException).FullName!,
                    $"Orchestrator '{started.Name}' awaits something that is not a durable task (for example Task.Delay, I/O or Task.Run). " +
                    "Orchestrators may only await the context's calls, timers and events; use CreateTimer for delays and activities for I/O."));
            }

            return new ExecutionResult(context.UnmatchedActions, context.CustomStatus, outcome, context.OpenDurableWork);
        }
        catch (NonDeterministicOrchestrationException e)
        {
            var versioned = string.IsNullOrEmpty(started.Version) ? "unversioned" : $"version '{started.Version}'";
            return Failed(context, FailureDetails.Of(typeof(NonDeterministicOrchestrationException).FullName!, $"{started.Name} ({versioned}): {e.Message}"));
        }
        catch (System.Text.Json.JsonException e)
        {
            return Failed(context, FailureDetails.FromException(e));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static ExecutionResult Failed(ReplayOrchestrationContext? context, FailureDetails failure) =>
        new([], context?.CustomStatus, new FailedOutcome(failure));

    private static ExecutionOutcome? Outcome(Task<object?> run, ReplayOrchestrationContext context)
    {
        if (!run.IsCompleted)
        {
            return null;
        }

        if (run.IsFaulted)
        {
            var error = run.Exception!.InnerExceptions is [var single] ? single : run.Exception;
            return new FailedOutcome(FailureDetails.FromException(error));
        }

        if (run.IsCanceled)
        {
            try
            {
                run.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException e)
            {
                return new FailedOutcome(FailureDetails.FromException(e));
            }
        }

        if (context.ContinueAsNewRequest is { } next)
        {
            return next with { CarriedEvents = context.UnconsumedEvents() };
        }

        return new CompletedOutcome(PayloadConverter.ToJson(run.Result));
    }
}
