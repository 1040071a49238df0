using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// What one read returns of a customer's partition: the exposure row (with the copy of the credit
/// profile and the order terms it carries) and the ERP rows asked for. A change decided on it is
/// committed under the ETags it was read with.
/// </summary>
/// <param name="Profile">Null when the customer has no credit profile (not on the credit list).</param>
/// <param name="Exposure">Null when nothing was ever booked for the customer.</param>
/// <param name="ExposureETag">The exposure row's ETag; null when the row does not exist yet (it may exist, holding only terms or the profile copy, while <paramref name="Exposure"/> is null).</param>
/// <param name="Records">The ERP rows found, by row key; rows asked for and absent are missing.</param>
public sealed record CustomerLedger(
    string CustomerId,
    CustomerCreditProfile? Profile,
    OrderTerms Terms,
    ExposureState? Exposure,
    string? ExposureETag,
    IReadOnlyDictionary<string, ErpRecord> Records)
{
    /// <summary>The row for <paramref name="kind"/>/<paramref name="id"/>, or null.</summary>
    public T? Find<T>(ErpDocumentKind kind, string id)
        where T : ErpRecord =>
        new LedgerDocuments(Records).Find<T>(kind, id);
}
