using System.Text.Json;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// Requests to pay an invoice later: recorded pending on the invoice and sent to approval
/// (<see cref="PaymentExtensionWorkflow"/>); an approved one moves the due date on the invoice's dunning record and
/// on the ledger (so the overdue stop line counts from the new date), with its decision logged, and dunning looks again.
/// </summary>
public sealed class PaymentExtensions(
    DunningStore invoices, CustomerLedgerStore ledgers, LedgerRetryOptions retry, CreditStore credit, InvoiceDunning dunning, DurableTaskClient client)
{
    private const int Attempts = 5;

    /// <summary>Why a request was not sent to approval.</summary>
    public enum Refusal
    {
        /// <summary>No such invoice.</summary>
        UnknownInvoice,

        /// <summary>Another request waits for approval.</summary>
        AlreadyPending,

        /// <summary>The date asked for is not after the current due date.</summary>
        NotLater,

        /// <summary>Nothing is open.</summary>
        NothingOpen,
    }

    /// <summary>Records the request pending and starts its approval; returns the record, or why not.</summary>
    /// <exception cref="ConcurrencyConflictException">The invoice kept changing while the request was recorded.</exception>
    public async Task<(DunningRecord? Record, Refusal? Refused)> RequestAsync(
        string invoiceId, DateOnly toDueDate, string reason, string requestedBy, DateOnly today, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await invoices.FindAsync(invoiceId, cancellationToken) is not { } record)
            {
                return (null, Refusal.UnknownInvoice);
            }

            if (record.PendingExtension is not null)
            {
                return (record, Refusal.AlreadyPending);
            }

            if (toDueDate <= record.DueDate)
            {
                return (record, Refusal.NotLater);
            }

            if (record.Standing.Ended)
            {
                return (record, Refusal.NothingOpen);
            }

            var extension = new PaymentExtension(Guid.NewGuid().ToString("N")[..12], today, record.DueDate, toDueDate, reason, requestedBy);
            DunningRecord saved;
            try
            {
                saved = await invoices.SaveAsync(record with { Extensions = [.. record.Extensions, extension] }, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                continue;
            }

            var name = (await credit.Customers.GetAsync(record.CustomerId, cancellationToken))?.Value.Name ?? record.CustomerId;
            var request = new PaymentExtensionRequest(record.CustomerId, name, record.InvoiceId, extension.RequestId, record.DueDate, toDueDate, record.Open, reason, requestedBy);
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(PaymentExtensionWorkflow), request, new StartOrchestrationOptions { InstanceId = request.InstanceId }, cancellationToken);
            return (saved, null);
        }
    }

    /// <summary>Books the approver's answer once; true when it moved the due date.</summary>
    public async Task<bool> DecideAsync(PaymentExtensionDecision decided, CancellationToken cancellationToken)
    {
        var (request, decision) = (decided.Request, decided.Decision);
        var approved = decision.Outcome == ApprovalOutcome.Approved;
        for (var attempt = 1; ; attempt++)
        {
            var record = await invoices.GetAsync(request.CustomerId, request.InvoiceId, cancellationToken)
                ?? throw new InvalidOperationException($"Invoice '{request.InvoiceId}' has no dunning record.");
            var extension = record.Extensions.FirstOrDefault(e => e.RequestId == request.RequestId);
            if (extension is null || extension.Outcome != PaymentExtension.Pending)
            {
                break; // booked by an earlier attempt
            }

            var decidedExtension = extension with { Outcome = approved ? "Approved" : "Rejected", DecidedBy = decision.DecidedBy, Comment = decision.Comment };
            var changed = record with
            {
                DueDate = approved ? request.ToDueDate : record.DueDate,
                Extensions = record.Extensions.Select(e => e.RequestId == request.RequestId ? decidedExtension : e).ToArray(),
            };
            try
            {
                await invoices.SaveAsync(changed, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
            }
        }

        if (approved)
        {
            await LedgerAttempts.For(ledgers, retry, request.CustomerId, [(ErpDocumentKind.Invoice, request.InvoiceId)])
                .ChangeAsync(ledger => MoveDueDate(ledger, request), cancellationToken);
        }

        try
        {
            await credit.Decisions.AppendAsync(
                new CreditDecision(
                    $"extension-{request.RequestId}", request.CustomerId, decision.DecidedAt, decision.DecidedBy,
                    approved
                        ? $"payment extension approved: invoice {request.InvoiceId} due {request.ToDueDate:yyyy-MM-dd} (was {request.FromDueDate:yyyy-MM-dd})"
                        : $"payment extension rejected: invoice {request.InvoiceId} stays due {request.FromDueDate:yyyy-MM-dd}",
                    string.IsNullOrWhiteSpace(decision.Comment) ? request.Reason : decision.Comment,
                    JsonSerializer.Serialize(new { request.InvoiceId, request.FromDueDate, request.ToDueDate, request.Reason, request.RequestedBy, decision.DecidedByRole }),
                    null,
                    null),
                cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Logged by an earlier attempt.
        }

        await dunning.InvoiceChangedAsync(request.CustomerId, request.InvoiceId, cancellationToken);
        return approved;
    }

    /// <summary>The ledger change moving the invoice's due date, or null when it is moved already (or unknown).</summary>
    private static LedgerChange? MoveDueDate(CustomerLedger ledger, PaymentExtensionRequest request)
    {
        var invoice = ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, request.InvoiceId);
        if (invoice?.Invoice is not { } booked || ledger.Exposure is null || booked.DueDate == request.ToDueDate)
        {
            return null;
        }

        var after = booked with { DueDate = request.ToDueDate };
        return new LedgerChange(ledger.Exposure.WithInvoice(booked, after), [invoice with { Invoice = after }]);
    }
}
