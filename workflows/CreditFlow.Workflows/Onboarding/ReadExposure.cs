using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using Microsoft.DurableTask;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>A customer's exposure as the order check has booked it, for the approver.</summary>
/// <param name="OverdueInvoices">Open invoices past their due date at the time of reading.</param>
public sealed record ExposureSnapshot(CreditExposure Amounts, IReadOnlyList<OverdueInvoice> OverdueInvoices);

/// <summary>
/// An overdue invoice as the approver is shown it. Kept in the onboarding history as the activity's
/// result, so its shape stays as in-flight instances recorded it.
/// </summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="DueDate">When it fell due.</param>
/// <param name="OpenAmount">What is still owed.</param>
public sealed record OverdueInvoice(string InvoiceId, DateOnly DueDate, Money OpenAmount);

/// <summary>What to read: whose exposure, and as of when (the workflow's time, for "overdue").</summary>
public sealed record ExposureQuery(string CustomerId, DateTimeOffset AsOf);

/// <summary>
/// Reads the customer's exposure (open receivables, shipped not invoiced, open orders) and overdue
/// invoices from its ledger, so an approver of a limit sees what the customer already owes — after
/// a trial, how the trial orders stand. A customer with nothing booked has zero exposure.
/// </summary>
public sealed class ReadExposure(CustomerLedgerStore ledgers) : TaskActivity<ExposureQuery, ExposureSnapshot?>
{
    /// <inheritdoc />
    public override async Task<ExposureSnapshot?> RunAsync(TaskActivityContext context, ExposureQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ledger = await ledgers.ReadAsync(input.CustomerId, []);
        if (ledger.Exposure is not { } exposure)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(input.AsOf.UtcDateTime);
        return new ExposureSnapshot(exposure.Amounts, exposure.OpenInvoices.Where(i => i.DueDate < today).Select(i => new OverdueInvoice(i.InvoiceId, i.DueDate, i.Open)).ToArray());
    }
}
