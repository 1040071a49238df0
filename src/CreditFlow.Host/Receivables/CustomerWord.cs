using CreditFlow.Host.Applications;
using CreditFlow.Storage;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// Records what a customer said about an invoice (a dispute raised or resolved, a promise): reads the invoice, lets
/// <c>change</c> judge it, saves under the ETag it was read with (read and judged again when dunning wrote meanwhile),
/// then wakes the invoice's dunning workflow to look again.
/// </summary>
internal static class CustomerWord
{
    private const int Attempts = 5;

    /// <summary>What a change makes of the invoice: the record to save, or the problem to answer without saving.</summary>
    internal readonly record struct Outcome(DunningRecord? Changed, ProblemHttpResult? Problem)
    {
        public static implicit operator Outcome(DunningRecord changed) => new(changed, null);

        public static implicit operator Outcome(ProblemHttpResult problem) => new(null, problem);
    }

    public static async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> RecordAsync(
        string invoiceId, Func<DunningRecord, Outcome> change, ReceivablesServices services, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await services.Invoices.FindAsync(invoiceId, cancellationToken);
            if (record is null)
            {
                return ReceivablesApi.NoInvoice(invoiceId);
            }

            var outcome = change(record);
            if (outcome.Problem is { } problem)
            {
                return problem;
            }

            DunningRecord saved;
            try
            {
                saved = await services.Invoices.SaveAsync(outcome.Changed!, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                continue;
            }
            catch (ConcurrencyConflictException)
            {
                return ApiProblems.Conflict("Invoice busy", $"Invoice '{invoiceId}' changed {Attempts} times while this was being recorded; nothing was stored. Send it again.");
            }

            await services.Dunning.InvoiceChangedAsync(saved.CustomerId, saved.InvoiceId, cancellationToken);
            return TypedResults.Ok(InvoiceView.From(saved, services.Today));
        }
    }
}
