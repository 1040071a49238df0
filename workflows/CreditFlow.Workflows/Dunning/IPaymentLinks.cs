namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// The link in a dunning mail to the customer's payment page, where it confirms a payment, promises a date or
/// raises a dispute; the host signs it (bound to customer and invoice, expiring).
/// </summary>
public interface IPaymentLinks
{
    /// <summary>The link for <paramref name="invoiceId"/> of <paramref name="customerId"/>, valid from <paramref name="issuedAt"/>.</summary>
    Uri For(string customerId, string invoiceId, DateTimeOffset issuedAt);
}
