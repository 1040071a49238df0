using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Warnings;

/// <summary>
/// One warning, from the signal to the answer. The rules decide whether the signal is a warning at all and which
/// (<see cref="RaiseWarning"/>: the warning stored, a task for its owner, the limit frozen when the rule says so, the
/// rest of the customer's group warned too). Then the owner has until the deadline to answer; a missed deadline
/// brings a reminder, a missed reminder the next tier (<see cref="ChaseWarning"/>), until someone answers and the
/// answer's actions are set going (<see cref="CloseWarning"/>).
/// </summary>
public sealed class WarningWorkflow : TaskOrchestrator<WarningSignal, WarningOutcome>
{
    /// <inheritdoc />
    public override async Task<WarningOutcome> RunAsync(TaskOrchestrationContext context, WarningSignal input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var answered = context.WaitForExternalEvent<object?>(WarningIds.Answered);
        var raised = await context.CallActivityAsync<WarningDeadline>(nameof(RaiseWarning), new WarningStep(input, context.UtcNow()), StepRetries.Default);
        if (raised.NoRuleFired)
        {
            return new WarningOutcome("NoWarning", null);
        }

        var respondBy = raised.RespondBy!.Value;
        while (!raised.Answered)
        {
            context.SetCustomStatus(new WarningOutcome("AwaitingAnswer", respondBy));
            using var waiting = new CancellationTokenSource();
            var deadline = context.CreateTimer(respondBy.UtcDateTime, waiting.Token);
            if (await Task.WhenAny(deadline, answered) == answered)
            {
                waiting.Cancel();
                break;
            }

            raised = await context.CallActivityAsync<WarningDeadline>(nameof(ChaseWarning), new WarningStep(input, context.UtcNow()), StepRetries.Default);
            respondBy = raised.RespondBy ?? respondBy;
        }

        await context.CallActivityAsync(nameof(CloseWarning), new WarningStep(input, context.UtcNow()), StepRetries.Default);
        return new WarningOutcome("Answered", null);
    }
}

/// <summary>Where a warning's workflow stands, as its custom status and result.</summary>
/// <param name="Status">NoWarning (no rule fired), AwaitingAnswer or Answered.</param>
/// <param name="RespondBy">The current deadline while awaiting an answer.</param>
public sealed record WarningOutcome(string Status, DateTimeOffset? RespondBy);

/// <summary>An activity's input: the warning's signal and the workflow's time.</summary>
public sealed record WarningStep(WarningSignal Warning, DateTimeOffset At);

/// <summary>What an activity found: no rule fired, the warning was answered, or the deadline now running.</summary>
/// <param name="NoRuleFired">The signal is not a warning.</param>
/// <param name="Answered">The warning has been answered.</param>
/// <param name="RespondBy">The deadline now running, while open.</param>
public sealed record WarningDeadline(bool NoRuleFired, bool Answered, DateTimeOffset? RespondBy);
