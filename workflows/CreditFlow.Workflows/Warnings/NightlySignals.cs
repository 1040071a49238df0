using CreditFlow.Domain.Warnings;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Workflows.Warnings;

/// <summary>
/// The signals CreditFlow computes from its own data each night (<see cref="InternalSignals"/>): every customer's invoices
/// as dunning follows them, measured, and each measurement handed to a warning workflow. A signal's id names its kind
/// and month, so a pattern that lasts raises one warning a month, not one a night.
/// </summary>
public sealed class NightlySignals(DunningStore invoices, CustomerWarnings warnings, InternalSignals measures)
{
    /// <summary>Measures every customer on <paramref name="now"/>'s day; returns how many signals were handed on.</summary>
    public async Task<int> MeasureAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var byCustomer = new Dictionary<string, List<InvoiceHistory>>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            (var page, continuation) = await invoices.ListAsync(null, 1000, continuation, cancellationToken);
            foreach (var record in page)
            {
                if (!byCustomer.TryGetValue(record.CustomerId, out var list))
                {
                    byCustomer[record.CustomerId] = list = [];
                }

                list.Add(record.History);
            }
        }
        while (continuation is not null);

        var handed = 0;
        foreach (var (customerId, histories) in byCustomer)
        {
            foreach (var signal in measures.Measure(customerId, histories, today, now))
            {
                await warnings.StartAsync(new WarningSignal($"internal-{signal.Kind}-{today:yyyy-MM}", signal), cancellationToken);
                handed++;
            }
        }

        return handed;
    }
}
