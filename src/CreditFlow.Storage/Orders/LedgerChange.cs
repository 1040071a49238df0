using CreditFlow.Domain.Exposure;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// What to write to a customer's partition in one entity-group transaction: the new exposure
/// (under the ETag it was read with), ERP rows (added when they carry no ETag, replaced under it
/// otherwise) and optionally a decision for the log. All or nothing.
/// </summary>
/// <param name="Exposure">The new exposure; null leaves the row alone.</param>
public sealed record LedgerChange(ExposureState? Exposure, IReadOnlyList<ErpRecord> Records, CreditDecision? Decision = null);
