using Azure.Data.Tables;
using CreditFlow.Domain.Exposure;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>A customer's credit as the credit table keeps it: its profile and its exposure.</summary>
/// <param name="Profile">Null when it was never granted credit.</param>
/// <param name="Exposure">Null when nothing was ever booked for it.</param>
public sealed record CustomerCredit(string CustomerId, CustomerCreditProfile? Profile, CreditExposure? Exposure);

public sealed partial class CustomerLedgerStore
{
    // The exposure row's columns that hold the amounts; its open invoices (the largest part) are not needed here.
    private static readonly string[] ExposureColumns = ["PartitionKey", "Currency", "OpenReceivables", "ShippedNotInvoiced", "OpenOrders", "Version"];

    /// <summary>
    /// Every customer's profile and exposure: two passes over the credit table (its profile rows, its exposure rows' amounts),
    /// for the dashboard's credit book — an occasional question, not a request path.
    /// </summary>
    public async Task<IReadOnlyList<CustomerCredit>> CreditOfEveryCustomerAsync(CancellationToken cancellationToken = default)
    {
        var profiles = new Dictionary<string, CustomerCreditProfile>(StringComparer.Ordinal);
        var exposures = new Dictionary<string, CreditExposure>(StringComparer.Ordinal);
        async Task ReadProfilesAsync()
        {
            await foreach (var row in _table.QueryAsync<TableEntity>($"RowKey eq {TableKeys.Quote(CreditTableRows.ProfileRowKey)}", cancellationToken: cancellationToken))
            {
                profiles[row.PartitionKey] = CreditTableRows.ToProfile(row);
            }
        }

        async Task ReadExposuresAsync()
        {
            await foreach (var row in _table.QueryAsync<TableEntity>($"RowKey eq {TableKeys.Quote(OrderCheckRows.ExposureRowKey)}", select: ExposureColumns, cancellationToken: cancellationToken))
            {
                if (OrderCheckRows.ToExposure(row) is { } state)
                {
                    exposures[row.PartitionKey] = state.Amounts;
                }
            }
        }

        await Task.WhenAll(ReadProfilesAsync(), ReadExposuresAsync());
        return profiles.Keys.Union(exposures.Keys)
            .Order(StringComparer.Ordinal)
            .Select(id => new CustomerCredit(id, profiles.GetValueOrDefault(id), exposures.GetValueOrDefault(id)))
            .ToList();
    }
}
