using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Storage.Receivables;

/// <summary>
/// Each customer's receivables summarised (<see cref="CustomerReceivables"/>), one row per customer and currency in
/// one partition, so that the dashboard reads a row per customer instead of every invoice; and a row saying how the
/// summaries were built (<see cref="SummaryShape"/>), so that a change of shape builds them all again. The same table
/// holds, in a partition of their own, the marks of the customers whose invoices changed since (<see cref="Dunning.DunningStore.ChangedCustomersAsync"/>).
/// </summary>
public sealed class CustomerReceivablesStore(TableClient table)
{
    private const string SummaryPartition = "customer";
    private const string ShapePartition = "~shape";
    private const string ShapeRow = "summaries";

    // Amounts travel as JSON numbers: System.Text.Json reads and writes decimals exactly, never through a double.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal TableClient Table => table;

    /// <summary>Every summary, in every currency.</summary>
    public async Task<IReadOnlyList<CustomerReceivables>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<CustomerReceivables>();
        await foreach (var e in table.QueryAsync<TableEntity>($"PartitionKey eq '{SummaryPartition}'", maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            all.Add(ToSummary(e));
        }

        return all;
    }

    /// <summary>Replaces the customer's summaries with <paramref name="summaries"/>, one per currency it is billed in.</summary>
    public async Task SaveAsync(string customerId, IReadOnlyCollection<CustomerReceivables> summaries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        TableKeys.Check(customerId, nameof(customerId));
        if (summaries.Any(s => s.CustomerId != customerId))
        {
            throw new ArgumentException($"Every summary must be customer {customerId}'s.", nameof(summaries));
        }

        // One row per currency; an invoice never changes currency nor goes away, so no row is ever left behind.
        await Task.WhenAll(summaries.Select(s => table.UpsertEntityAsync(ToEntity(s), TableUpdateMode.Replace, cancellationToken)));
    }

    /// <summary>How the summaries were built, or null before they first were.</summary>
    public async Task<SummaryShape?> ShapeAsync(CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ShapePartition, ShapeRow, cancellationToken: cancellationToken);
        return row.HasValue ? new SummaryShape(row.Value!.GetInt32("MonthsKept") ?? 0, row.Value.GetInt32("OnTimeWindowDays") ?? 0) : null;
    }

    /// <summary>Records how the summaries are built from now on.</summary>
    public async Task SaveShapeAsync(SummaryShape shape, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shape);
        await table.UpsertEntityAsync(
            new TableEntity(ShapePartition, ShapeRow) { ["MonthsKept"] = shape.MonthsKept, ["OnTimeWindowDays"] = shape.OnTimeWindowDays },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    private static TableEntity ToEntity(CustomerReceivables s) => new(SummaryPartition, $"{s.CustomerId}|{s.Currency.Code}")
    {
        ["CustomerId"] = s.CustomerId,
        ["Currency"] = s.Currency.Code,
        ["AsOf"] = s.AsOf.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["Figures"] = JsonSerializer.Serialize(
            new StoredFigures(
                s.Open.Select(o => new StoredOpen(
                    o.Invoice.InvoiceId, o.Invoice.IssueDate, o.Invoice.DueDate, o.Invoice.Amount.Amount, o.Invoice.Credited.Amount, o.Invoice.Paid.Amount, o.Disputed, o.InSpecialCollection)).ToArray(),
                s.FirstMonth,
                s.Months.Select(m => m.Invoiced.Amount).ToArray(),
                s.Months.Select(m => m.Collected.Amount).ToArray(),
                s.Months.Select(m => m.Closing.Amount).ToArray(),
                s.Due.Select(d => new StoredDue(d.On, d.Owed.Amount, d.PaidInTime.Amount, d.Paid.Amount)).ToArray()),
            Json),
    };

    private static CustomerReceivables ToSummary(TableEntity e)
    {
        var customerId = e.GetString("CustomerId");
        var currency = new Currency(e.GetString("Currency"));
        Money M(decimal amount) => new(amount, currency);
        var f = JsonSerializer.Deserialize<StoredFigures>(e.GetString("Figures"), Json)
            ?? throw new InvalidOperationException($"Row {e.PartitionKey}/{e.RowKey} has no figures.");
        return new CustomerReceivables(
            customerId,
            currency,
            DateOnly.ParseExact(e.GetString("AsOf"), "O", System.Globalization.CultureInfo.InvariantCulture),
            f.Open.Select(o => new OpenReceivable(
                new Invoice(customerId, o.Id, o.Issued, o.Due, M(o.Amount)) { Credited = M(o.Credited), Paid = M(o.Paid) }, o.Disputed, o.Special)).ToArray(),
            f.FirstMonth,
            f.Invoiced.Select((invoiced, i) => new CustomerMonth(M(invoiced), M(f.Collected[i]), M(f.Closing[i]))).ToArray(),
            f.Due.Select(d => new FallingDue(d.On, M(d.Owed), M(d.PaidInTime), M(d.Paid))).ToArray());
    }

    // Months as three parallel columns of amounts: a summary is read for every customer on every dashboard request, so it is kept small.
    private sealed record StoredFigures(StoredOpen[] Open, DateOnly FirstMonth, decimal[] Invoiced, decimal[] Collected, decimal[] Closing, StoredDue[] Due);

    private sealed record StoredOpen(string Id, DateOnly Issued, DateOnly Due, decimal Amount, decimal Credited, decimal Paid, bool Disputed, bool Special);

    private sealed record StoredDue(DateOnly On, decimal Owed, decimal PaidInTime, decimal Paid);
}

/// <summary>How the summaries are built: a summary kept with fewer months or another window than asked for must be built again.</summary>
/// <param name="MonthsKept">Months each summary keeps.</param>
/// <param name="OnTimeWindowDays">Days of due dates each keeps.</param>
public sealed record SummaryShape(int MonthsKept, int OnTimeWindowDays);
