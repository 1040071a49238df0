using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Applications;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// What a customer's word about paying does to an invoice, as the changes <see cref="CustomerWord.RecordAsync"/> saves:
/// one judgement shared by the API (<c>/api/invoices/{id}/disputes</c>, <c>/promises</c>) and the customer's payment
/// page (<c>/pay/{token}</c>), so both refuse the same things with the same words.
/// </summary>
internal static class PaymentWord
{
    /// <summary>Adds <paramref name="dispute"/>; 409 while another dispute of the invoice is open.</summary>
    public static Func<DunningRecord, CustomerWord.Outcome> Dispute(string invoiceId, RecordedDispute dispute) =>
        record => record.Disputes.FirstOrDefault(d => d.ClosedOn is null) is { } open
            ? ApiProblems.Conflict("Dispute already open", $"Invoice '{invoiceId}' has a dispute open since {open.OpenedOn:yyyy-MM-dd} ({open.Reason}); resolve it first.")
            : record with { Disputes = [.. record.Disputes, dispute] };

    /// <summary>
    /// Adds a promise made <paramref name="madeOn"/> to pay by <paramref name="promisedDate"/> (the whole open amount when
    /// <paramref name="amount"/> is null); 409 when nothing is open, 400 naming <c>amount</c> when it is more than is open.
    /// </summary>
    public static Func<DunningRecord, CustomerWord.Outcome> Promise(string invoiceId, DateOnly madeOn, DateOnly promisedDate, decimal? amount) =>
        record =>
        {
            var open = InvoiceFigures.Open(record);
            if (open.Amount <= 0m)
            {
                return ApiProblems.Conflict("Invoice paid", $"Invoice '{invoiceId}' has nothing open to promise.");
            }

            Money? promised = amount is { } a ? new Money(a, record.Amount.Currency) : null;
            if (promised is { } p && p > open)
            {
                return ApiProblems.Validation(new Dictionary<string, string[]>
                {
                    ["amount"] = [$"must be at most the open amount {open} (was {p}); leave it out for the whole open amount."],
                });
            }

            return record with { Promises = [.. record.Promises, new PaymentPromise(madeOn, promisedDate, promised)] };
        };
}
