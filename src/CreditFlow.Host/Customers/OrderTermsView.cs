using CreditFlow.Storage.Orders;

namespace CreditFlow.Host.Customers;

/// <summary>A customer's order terms as <c>/api/customers/{id}/order-terms</c> shows them.</summary>
/// <param name="LimitFrozen">The limit is frozen: the order check holds every order.</param>
/// <param name="PrepaymentShare">Share of each order to prepay, 0..1 (0 for none).</param>
public sealed record OrderTermsView(bool LimitFrozen, decimal PrepaymentShare)
{
    internal static OrderTermsView From(OrderTerms terms) => new(terms.LimitFrozen, terms.PrepaymentShare);
}
