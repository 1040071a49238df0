using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Policies;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// Dunning as the rest of CreditFlow calls it: a booked invoice starts its workflow, a payment or a
/// customer's word wakes it. Starting is idempotent (one instance id per invoice), so the ERP retrying
/// an invoice also starts a workflow a crash kept from starting. Every start names the version it runs
/// (<see cref="DunningWorkflowV2.Version"/>), so the invoice runs it on any backend, the Functions app's included.
/// </summary>
public sealed partial class InvoiceDunning(
    DunningStore invoices, DurableTaskClient client, CreditPolicies policies, IOptions<DunningOptions> options, TimeProvider clock, ILogger<InvoiceDunning> logger)
{
    private static readonly TaskVersion Current = new(DunningWorkflowV2.Version);

    /// <summary>
    /// Records the invoice for dunning (kept if already recorded) and starts its workflow unless one exists. An invoice
    /// the ledger holds open in full with no step due yet is looked at here, by the ladder in force, and recorded with
    /// where it stands: the workflow then sleeps until its first step's day instead of looking at once.
    /// </summary>
    /// <param name="customerId">Whose invoice.</param>
    /// <param name="invoiceId">The ERP's invoice id.</param>
    /// <param name="issueDate">When it was issued.</param>
    /// <param name="dueDate">When it falls due.</param>
    /// <param name="amount">The invoiced amount.</param>
    /// <param name="openAtBooking">What the ledger holds open of it once booked (less when a payment or credit note came first); null when not known.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task StartAsync(
        string customerId, string invoiceId, DateOnly issueDate, DateOnly dueDate, Money amount, Money? openAtBooking, CancellationToken cancellationToken)
    {
        var booked = DunningRecord.Booked(customerId, invoiceId, issueDate, dueDate, amount);
        DunningProgress? atBooking = null;
        if (openAtBooking == amount && await FirstLookAsync(booked, cancellationToken) is { } looked)
        {
            (booked, atBooking) = looked;
        }

        var stored = await invoices.AddAsync(booked, cancellationToken);
        var input = new DunningInput(customerId, invoiceId)
        {
            // Recorded before (the ERP retried, or a crash kept the workflow from starting): the workflow looks for itself.
            AtBooking = stored.Standing == booked.Standing ? atBooking : null,
        };
        try
        {
            // Refused when any instance of the invoice exists, running or ended, as a hold's start is (HoldStarter):
            // one request, no read before it.
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(DunningWorkflow),
                input,
                new StartOrchestrationOptions(input.InstanceId) { Version = Current }.WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()),
                cancellationToken);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // Started before (the ERP retried the invoice), or meanwhile by a concurrent retry.
        }
    }

    /// <summary>
    /// The look the workflow's first would be, for an invoice nothing has been paid or said of: the ladder in force today
    /// (which the invoice keeps), and its first step with the time to take it; null when a step is due already (booked late).
    /// </summary>
    private async Task<(DunningRecord Record, DunningProgress Progress)?> FirstLookAsync(DunningRecord booked, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (ladder, version) = DunningSteps.LadderOf(booked, await policies.BookAsync(cancellationToken), today);
        var state = ladder.Evaluate(booked.Invoice, [], [], [], today);
        if (state.Status != DunningStatus.Running || state.Level > 0 || DunningSteps.NextStep(state, []) is not { DueOn: { } firstDay } first)
        {
            return null;
        }

        var standing = new DunningStanding(state.Status.ToString(), 0, first.Step.Code, firstDay, booked.Amount.Amount, now);
        return (booked with { LadderVersion = version, Standing = standing },
            new DunningProgress(standing.Status, 0, first.Step.Code, options.Value.StepTimeOn(firstDay), Ended: false));
    }

    /// <summary>Wakes the invoice's workflow to look again (a payment, reversal, dispute or promise).</summary>
    public async Task InvoiceChangedAsync(string customerId, string invoiceId, CancellationToken cancellationToken)
    {
        var input = new DunningInput(customerId, invoiceId);
        try
        {
            await client.RaiseEventAsync(input.InstanceId, DunningEvents.InvoiceChanged, null, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // No dunning for this invoice (never booked, or the ladder has ended).
            LogNotFollowed(logger, invoiceId);
        }
    }

    /// <summary>
    /// Dunning of the invoice looks again, and starts afresh if a payment had ended it (a reversal): the record keeps
    /// the steps taken, so none is taken twice.
    /// </summary>
    public async Task ReopenAsync(string customerId, string invoiceId, CancellationToken cancellationToken)
    {
        var input = new DunningInput(customerId, invoiceId);
        var instance = await client.GetInstanceAsync(input.InstanceId, cancellationToken);
        if (instance is null)
        {
            LogNotFollowed(logger, invoiceId);
            return;
        }

        if (!instance.IsCompleted)
        {
            await InvoiceChangedAsync(customerId, invoiceId, cancellationToken);
            return;
        }

        await client.PurgeInstanceAsync(input.InstanceId, cancellation: cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(DunningWorkflow), input, new StartOrchestrationOptions(input.InstanceId) { Version = Current }, cancellationToken);
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Invoice {InvoiceId} is not followed by dunning; the change is not passed on")]
    private static partial void LogNotFollowed(ILogger logger, string invoiceId);
}
