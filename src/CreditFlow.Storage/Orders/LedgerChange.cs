using CreditFlow.Domain.Exposure;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// What to write to a customer's partition in one entity-group transaction: the new exposure
/// (under the ETag it was read with), ERP rows (added when they carry no ETag, replaced under it
/// otherwise) and optionally a decision for the log. All or nothing.
/// </summary>
/// <param name="Exposure">The new exposure; null leaves the row alone.</param>
public sealed record LedgerChange(ExposureState? Exposure, IReadOnlyList<ErpRecord> Records, CreditDecision? Decision = null)
{
    /// <summary>
    /// Changes decided one after another on the same read, each on the exposure the ones before it left,
    /// as one change: the last exposure written and every row. Null when none changes anything.
    /// </summary>
    /// <remarks>The rows must be distinct: one transaction writes a row once.</remarks>
    /// <exception cref="InvalidOperationException">More than one change logs a decision.</exception>
    public static LedgerChange? Together(IEnumerable<LedgerChange?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        LedgerChange? together = null;
        foreach (var change in changes.OfType<LedgerChange>())
        {
            if (together is null)
            {
                together = change;
                continue;
            }

            if (together.Decision is not null && change.Decision is not null)
            {
                throw new InvalidOperationException("Changes committed together may log one decision only.");
            }

            together = new LedgerChange(change.Exposure ?? together.Exposure, [.. together.Records, .. change.Records], together.Decision ?? change.Decision);
        }

        return together;
    }
}
