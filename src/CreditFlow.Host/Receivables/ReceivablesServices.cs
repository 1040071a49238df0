using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Dunning;

namespace CreditFlow.Host.Receivables;

/// <summary>What the invoice endpoints use, bound with <c>[AsParameters]</c>.</summary>
internal sealed record ReceivablesServices(DunningStore Invoices, InvoiceDunning Dunning, TimeProvider Clock)
{
    /// <summary>Today (UTC) by the host's clock.</summary>
    public DateOnly Today => InvoiceFigures.Today(Clock);
}
