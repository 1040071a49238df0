using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>The answer to an invoice, payment or cancellation: booked, and the customer's exposure after it.</summary>
public sealed record LedgerAnswer(bool Accepted, Money OpenReceivables, Money ShippedNotInvoiced, Money OpenOrders, Money Total)
{
    /// <summary>The answer for an exposure.</summary>
    public static LedgerAnswer From(CreditExposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        return new(true, exposure.OpenReceivables, exposure.ShippedNotInvoiced, exposure.OpenOrders, exposure.Total);
    }
}
