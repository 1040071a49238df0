using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// One invoice, from booking to paid or handed to legal: version 2 of <see cref="DunningWorkflow"/>, which every new
/// invoice starts on. The ladder is the same; what changed is the first look. The booking has already read the ladder in
/// force and written where the invoice stands (<see cref="InvoiceDunning.StartAsync"/>), so when it found the invoice
/// open in full with nothing due (<see cref="DunningInput.AtBooking"/>) the workflow sleeps until the first step's day
/// before looking at all. A booked invoice then costs a start and a timer, not a start, a look and a timer, at the
/// moment the ERP sends its invoices in bulk.
/// </summary>
/// <remarks>
/// After that the workflow is version 1's: it looks (<see cref="TakeDunningSteps"/>), sleeps on a durable timer until
/// the next step's day, and a payment, dispute or promise wakes it at once; a look that fails for good gives a person a
/// task and tries again a day later; the history starts afresh every <see cref="DunningWorkflow.LooksPerHistory"/>
/// looks, on this version.
/// </remarks>
[DurableTask(nameof(DunningWorkflow), Version = Version)]
public sealed class DunningWorkflowV2 : TaskOrchestrator<DunningInput, DunningProgress>
{
    /// <summary>This version, named when an invoice's dunning is started.</summary>
    public const string Version = "2";

    /// <inheritdoc />
    public override async Task<DunningProgress> RunAsync(TaskOrchestrationContext context, DunningInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var changed = context.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged);
        if (input.AtBooking is { NextLookAt: { } firstStep } booked)
        {
            context.SetCustomStatus(booked);
            if (await ChangedBeforeAsync(context, firstStep, changed))
            {
                changed = context.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged);
            }
        }

        var level = 0;
        for (var look = 0; look < DunningWorkflow.LooksPerHistory; look++)
        {
            DunningProgress progress;
            try
            {
                progress = await context.CallActivityAsync<DunningProgress>(nameof(TakeDunningSteps), new DunningLook(input, context.UtcNow()), StepRetries.Default);
                level = progress.Level;
            }
            catch (TaskFailedException failure)
            {
                var again = context.UtcNow() + DunningWorkflow.StuckLookRetry;
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
            else if (!await ChangedBeforeAsync(context, wakeAt, changed))
            {
                continue;
            }

            changed = context.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged);
        }

        context.ContinueAsNew(input with { AtBooking = null }, preserveUnprocessedEvents: true);
        return new DunningProgress("ContinuedAsNew", 0, null, null, false);
    }

    /// <summary>Sleeps until <paramref name="wakeAt"/> or a change, whichever comes first; true when the change came first (its timer is cancelled).</summary>
    private static async Task<bool> ChangedBeforeAsync(TaskOrchestrationContext context, DateTimeOffset wakeAt, Task changed)
    {
        using var sleeping = new CancellationTokenSource();
        var timer = context.CreateTimer(wakeAt.UtcDateTime, sleeping.Token);
        if (await Task.WhenAny(timer, changed) == timer)
        {
            return false;
        }

        sleeping.Cancel();
        return true;
    }
}
