using Microsoft.DurableTask;
using CoreFailure = DurableTask.Core.FailureDetails;
using CoreSubOrchestrationFailedException = DurableTask.Core.Exceptions.SubOrchestrationFailedException;
using CoreTaskFailedException = DurableTask.Core.Exceptions.TaskFailedException;

namespace CreditFlow.Durable.Execution;

/// <summary>Retries of activities and sub-orchestrations, as the SDK's <see cref="TaskRetryOptions"/> describe them.</summary>
internal sealed partial class ReplayOrchestrationContext
{
    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or the retry options give up. A policy waits on
    /// durable timers between attempts (first interval × coefficient^n, capped); a handler decides itself
    /// and may create its own timers. Both are replayed like any other orchestrator code.
    /// </summary>
    private async Task<T> WithRetry<T>(TaskRetryOptions? retry, bool subOrchestration, Func<Task<T>> attempt)
    {
        if (retry is null)
        {
            return await attempt();
        }

        var firstAttemptAt = CurrentUtcDateTime;
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure)
            {
                if (retry.Policy is { } policy)
                {
                    var delay = DelayAfter(policy, failures);
                    var pastTimeout = policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime + delay - firstAttemptAt > policy.RetryTimeout;
                    if (failures >= policy.MaxNumberOfAttempts || pastTimeout || !policy.Handle(AsCoreException(failure, subOrchestration)))
                    {
                        throw;
                    }

                    await CreateTimer(CurrentUtcDateTime + delay, CancellationToken.None);
                }
                else if (retry.Handler is { } handler)
                {
                    var context = new RetryContext(this, failures, failure.FailureDetails, CurrentUtcDateTime - firstAttemptAt, CancellationToken.None);
                    if (!await handler(context))
                    {
                        throw;
                    }
                }
                else
                {
                    throw;
                }
            }
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failed attempt.</summary>
    internal static TimeSpan DelayAfter(RetryPolicy policy, int failures)
    {
        var delay = policy.FirstRetryInterval * Math.Pow(policy.BackoffCoefficient, failures - 1);
        return policy.MaxRetryInterval != Timeout.InfiniteTimeSpan && delay > policy.MaxRetryInterval ? policy.MaxRetryInterval : delay;
    }

    /// <summary>
    /// <see cref="RetryPolicy.Handle"/> expects the Durable Task Framework's exceptions (its
    /// <c>HandleFailure</c> reads their failure details), so the policy sees the failure as the framework would raise it.
    /// </summary>
    private static Exception AsCoreException(TaskFailedException failure, bool subOrchestration)
    {
        var details = ToCore(failure.FailureDetails);
        return subOrchestration
            ? new CoreSubOrchestrationFailedException(-1, failure.TaskId, failure.TaskName, string.Empty, failure.Message, failure) { FailureDetails = details }
            : new CoreTaskFailedException(-1, failure.TaskId, failure.TaskName, string.Empty, failure.Message, failure) { FailureDetails = details };
    }

    private static CoreFailure ToCore(TaskFailureDetails details) =>
        new(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure is { } inner ? ToCore(inner) : null, isNonRetriable: false);
}
