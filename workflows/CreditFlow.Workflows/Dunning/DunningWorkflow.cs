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
/// months replays quickly; unprocessed wake-ups carry over.
/// </remarks>
public sealed class DunningWorkflow : TaskOrchestrator<DunningInput, DunningProgress>
{
    /// <summary>Looks in one history; a ladder of eight steps with a few payments stays well below it.</summary>
    public const int LooksPerHistory = 24;

    /// <inheritdoc />
    public override async Task<DunningProgress> RunAsync(TaskOrchestrationContext context, DunningInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var changed = context.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged);
        for (var look = 0; look < LooksPerHistory; look++)
        {
            var progress = await context.CallActivityAsync<DunningProgress>(nameof(TakeDunningSteps), new DunningLook(input, context.UtcNow()), StepRetries.Default);
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
