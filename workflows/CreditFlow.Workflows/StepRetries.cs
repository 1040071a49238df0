using Microsoft.DurableTask;

namespace CreditFlow.Workflows;

/// <summary>
/// How a workflow's step (an activity) is tried again when it fails: on durable timers, 30 s and doubling to at most
/// 15 min apart, 8 tries — about an hour. Storage or a mail service that is down for a while must not fail an
/// approval, a dunning ladder or a legal case that runs for months. Every step is written to be safe to repeat, and a
/// step that succeeds at once records the same history as without retries, so instances in flight replay unchanged.
/// </summary>
public static class StepRetries
{
    /// <summary>The options every workflow passes with its activities.</summary>
    public static TaskOptions Default { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromSeconds(30), 2.0, TimeSpan.FromMinutes(15)));
}
