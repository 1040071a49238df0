using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Orders;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>Every customer as the credit book counts it, and when that was read.</summary>
internal sealed record CreditBookReading(DateTimeOffset ReadAt, IReadOnlyList<BookedCustomer> Customers, IReadOnlyDictionary<string, string> Names)
{
    /// <summary>The currencies a limit is in use or something is used in.</summary>
    public IEnumerable<Currency> Currencies => Customers.SelectMany(c => c.Currencies).Distinct();
}

/// <summary>
/// Reads every customer's industry, profile and exposure for the dashboard's credit book (<see cref="CreditBook"/>), and
/// reuses the reading for <see cref="DashboardOptions.CreditBookSeconds"/>: it scans two tables, so it is read when a
/// dashboard asks, one reading at a time, never in the background (an idle installation costs nothing).
/// </summary>
internal sealed class CreditBookReadings
{
    private readonly CustomerRepository customers;
    private readonly CustomerLedgerStore ledgers;
    private readonly TimeProvider clock;
    private readonly ReusedReading<CreditBookReading> reading;

    public CreditBookReadings(CustomerRepository customers, CustomerLedgerStore ledgers, IOptions<DashboardOptions> options, TimeProvider clock)
    {
        (this.customers, this.ledgers, this.clock) = (customers, ledgers, clock);
        reading = new(ReadAnewAsync, () => TimeSpan.FromSeconds(options.Value.CreditBookSeconds), clock);
    }

    /// <summary>The latest reading, read again first when it is older than the configured age.</summary>
    public Task<CreditBookReading> ReadAsync(CancellationToken cancellationToken) => reading.ReadAsync(cancellationToken);

    private async Task<CreditBookReading> ReadAnewAsync(CancellationToken cancellationToken)
    {
        var readAt = clock.GetUtcNow();
        var customersRead = customers.ListAllAsync(cancellationToken);
        var creditRead = ledgers.CreditOfEveryCustomerAsync(cancellationToken);
        await Task.WhenAll(customersRead, creditRead);
        var credit = await creditRead;
        var onFile = (await customersRead).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var booked = credit
            .Select(c => new BookedCustomer(
                c.CustomerId,
                onFile.GetValueOrDefault(c.CustomerId)?.Industry,
                c.Profile?.Class,
                c.Profile?.Status,
                c.Profile?.Limit,
                c.Exposure?.Total,
                RegistrationRegion.Of(onFile.GetValueOrDefault(c.CustomerId)?.RegistrationNumber)))
            .ToList();
        return new CreditBookReading(readAt, booked, onFile.ToDictionary(c => c.Key, c => c.Value.Name, StringComparer.Ordinal));
    }
}
