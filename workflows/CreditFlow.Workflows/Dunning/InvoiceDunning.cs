using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Dunning;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// Dunning as the rest of CreditFlow calls it: a booked invoice starts its workflow, a payment or a
/// customer's word wakes it. Starting is idempotent (one instance id per invoice), so the ERP retrying
/// an invoice also starts a workflow a crash kept from starting.
/// </summary>
public sealed partial class InvoiceDunning(DunningStore invoices, DurableTaskClient client, ILogger<InvoiceDunning> logger)
{
    /// <summary>Records the invoice for dunning (kept if already recorded) and starts its workflow unless one exists.</summary>
    public async Task StartAsync(string customerId, string invoiceId, DateOnly issueDate, DateOnly dueDate, Money amount, CancellationToken cancellationToken)
    {
        await invoices.AddAsync(DunningRecord.Booked(customerId, invoiceId, issueDate, dueDate, amount), cancellationToken);
        var input = new DunningInput(customerId, invoiceId);
        try
        {
            // Refused when any instance of the invoice exists, running or ended, as a hold's start is (HoldStarter):
            // one request, no read before it.
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(DunningWorkflow), input, new StartOrchestrationOptions(input.InstanceId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()), cancellationToken);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // Started before (the ERP retried the invoice), or meanwhile by a concurrent retry.
        }
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
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(DunningWorkflow), input, new StartOrchestrationOptions { InstanceId = input.InstanceId }, cancellationToken);
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Invoice {InvoiceId} is not followed by dunning; the change is not passed on")]
    private static partial void LogNotFollowed(ILogger logger, string invoiceId);
}
