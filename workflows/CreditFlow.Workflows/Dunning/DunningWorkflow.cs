using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// One invoice, from booking to paid or handed to legal. The workflow looks at the invoice, takes the
/// steps due (<see cref="TakeDunningSteps"/>), then sleeps on a durable timer until the next step's day;
/// a payment, dispute or promise wakes it at once to look again. It ends when the ladder ends: paid in
/// full, or every step taken (litigation flagged).
/// </summary>
/// <remarks>
/// Every decision is the activity's, made on what storage says at the moment of the look, so a wake-up
/// that races a timer costs one extra look and never a wrong step. The history is started afresh
/// (continue-as-new) every <see cref="LooksPerHistory"/> looks so an invoice disputed back and forth for
/// months replays quickly; unprocessed wake-ups carry over. A look that still fails after its retries (about an hour)
/// does not end the invoice's dunning: a person is given a task (<see cref="ReportStuckDunning"/>) and dunning looks
/// again <see cref="StuckLookRetry"/> later, or at once when the invoice changes. (Only the failure path is new: a
/// history without a failed look replays as before.)
/// <para>
/// Version 1, kept as it is for the invoices that started on it: new invoices start on <see cref="DunningWorkflowV2"/>,
/// which skips the first look while nothing is due. Delete this class once no instance of version 1 is left (the admin
/// monitor lists the instances of <c>DunningWorkflow</c> with their version).
/// </para>
/// </remarks>
public sealed class DunningWorkflow : TaskOrchestrator<DunningInput, DunningProgress>
{
    /// <summary>Looks in one history; a ladder of eight steps with a few payments stays well below it.</summary>
    public const int LooksPerHistory = 24;

    /// <summary>How long after a look failed for good dunning tries again by itself.</summary>
    public static readonly TimeSpan StuckLookRetry = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public override async Task<DunningProgress> RunAsync(TaskOrchestrationContext context, DunningInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var changed = context.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged);
        var level = 0;
        for (var look = 0; look < LooksPerHistory; look++)
        {
            DunningProgress progress;
            try
            {
                progress = await context.CallActivityAsync<DunningProgress>(nameof(TakeDunningSteps), new DunningLook(input, context.UtcNow()), StepRetries.Default);
                level = progress.Level;
            }
            catch (TaskFailedException failure)
            {
                var again = context.UtcNow() + StuckLookRetry;
                await context.CallActivityAsync<string>(
                    nameof(ReportStuckDunning), new StuckDunning(input, failure.FailureDetails.ErrorMessage, context.UtcNow(), again), StepRetries.Default);
                progress = new DunningProgress("Stuck", level, null, again, false);
            }

            context.SetCustomStatus(progress);
            if (progress.Ended)
            {
                return progress;
            }

            if (progress.NextLookAt is not { } wakeAt)
            {
                await changed; // paused by a dispute: only a change moves it
            }
            else
            {
                using var sleeping = new CancellationTokenSource();
                var timer = context.CreateTimer(wakeAt.UtcDateTime, sleeping.Token);
                if (await Task.WhenAny(timer, changed) == timer)
                {
                    continue;
                }

                sleeping.Cancel();
            }

            changed = context.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged);
        }

        context.ContinueAsNew(input, preserveUnprocessedEvents: true);
        return new DunningProgress("ContinuedAsNew", 0, null, null, false);
    }
}
