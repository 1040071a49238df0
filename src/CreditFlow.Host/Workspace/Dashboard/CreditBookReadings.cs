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
internal sealed class CreditBookReadings(CustomerRepository customers, CustomerLedgerStore ledgers, IOptions<DashboardOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private CreditBookReading? last;

    /// <summary>The latest reading, read again first when it is older than the configured age.</summary>
    public async Task<CreditBookReading> ReadAsync(CancellationToken cancellationToken)
    {
        if (Fresh(last) is { } reading)
        {
            return reading;
        }

        // One reading at a time: the requests that wait for it take it.
        await gate.WaitAsync(cancellationToken);
        try
        {
            return Fresh(last) ?? (last = await ReadAnewAsync(cancellationToken));
        }
        finally
        {
            gate.Release();
        }
    }

    private CreditBookReading? Fresh(CreditBookReading? reading)
    {
        // A clock moved back (a rehearsal started again) makes a reading from its future stale too.
        var age = clock.GetUtcNow() - reading?.ReadAt;
        return age >= TimeSpan.Zero && age < TimeSpan.FromSeconds(options.Value.CreditBookSeconds) ? reading : null;
    }

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
