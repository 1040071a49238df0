using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// The order check's rows in the customer's partition of the credit table, next to the profile
/// (<c>profile</c>) and the decision log (<c>decision|…</c>): the exposure row <c>exposure</c>,
/// the order terms <c>profile|order-terms</c>, and one row per ERP document <c>erp|{kind}|{id}</c>.
/// </summary>
/// <remarks>
/// The keys are chosen so that the range <c>exposure</c> ≤ RowKey &lt; <c>profile}</c> holds exactly
/// the exposure, profile and terms rows ("decision|" and "erp|" sort before "exposure"): one query
/// reads everything a clean order needs. No other row key may start with f–o or "p" up to "profile".
/// </remarks>
internal static class OrderCheckRows
{
    public const string ExposureRowKey = "exposure";
    public const string TermsRowKey = CreditTableRows.ProfileRowKey + "|order-terms";
    private const string RangeEnd = CreditTableRows.ProfileRowKey + "}";

    public static string DocumentKey(ErpDocumentKind kind, string id) =>
        "erp|" + kind.ToString().ToLowerInvariant() + "|" + TableKeys.Check(id, nameof(id));

    /// <summary>The filter of the one read: the profile range plus the ERP rows asked for.</summary>
    public static string Filter(string customerId, IEnumerable<string> rowKeys)
    {
        var range = $"(RowKey ge '{ExposureRowKey}' and RowKey lt '{RangeEnd}')";
        var keys = string.Concat(rowKeys.Distinct(StringComparer.Ordinal).Select(k => $" or RowKey eq {TableKeys.Quote(k)}"));
        return $"PartitionKey eq {TableKeys.Quote(customerId)} and ({range}{keys})";
    }

    public static TableEntity ToEntity(string customerId, ExposureState state)
    {
        var entity = new TableEntity(customerId, ExposureRowKey)
        {
            ["Currency"] = state.Currency.Code,
            ["OpenReceivables"] = Text(state.Amounts.OpenReceivables.Amount),
            ["ShippedNotInvoiced"] = Text(state.Amounts.ShippedNotInvoiced.Amount),
            ["OpenOrders"] = Text(state.Amounts.OpenOrders.Amount),
            ["OpenInvoices"] = JsonSerializer.Serialize(state.OpenInvoices.Select(i => new StoredInvoice(i.InvoiceId, i.DueDate, Text(i.OpenAmount.Amount)))),
            ["Version"] = state.Version,
        };
        return entity;
    }

    public static ExposureState ToExposure(TableEntity e)
    {
        var currency = new Currency(e.GetString("Currency"));
        var invoices = JsonSerializer.Deserialize<StoredInvoice[]>(e.GetString("OpenInvoices") ?? "[]") ?? [];
        return new ExposureState(
            new CreditExposure(Read(e, "OpenReceivables", currency), Read(e, "ShippedNotInvoiced", currency), Read(e, "OpenOrders", currency)),
            invoices.Select(i => new OpenInvoice(i.Id, i.Due, new Money(Parse(i.Open), currency))).ToArray(),
            e.GetInt64("Version") ?? 0);
    }

    public static TableEntity ToEntity(string customerId, OrderTerms terms) => new(customerId, TermsRowKey)
    {
        ["LimitFrozen"] = terms.LimitFrozen,
        ["PrepaymentShare"] = Text(terms.PrepaymentShare),
    };

    public static OrderTerms ToTerms(TableEntity e) =>
        new(e.GetBoolean("LimitFrozen") ?? false, e.GetString("PrepaymentShare") is { } s ? Parse(s) : 0m);

    /// <remarks>
    /// Zero amounts, false flags and absent values are left out: the row stays small, which is what
    /// the storage service (and the emulator, which re-serialises every row it touches) pays for.
    /// Kind and id are read back from the row key.
    /// </remarks>
    public static TableEntity ToEntity(string customerId, ErpRecord record)
    {
        var entity = new TableEntity(customerId, record.RowKey);
        if (record.Answer is { } answer)
        {
            entity["BodyHash"] = answer.BodyHash;
            if (answer.Status != 200)
            {
                entity["AnswerStatus"] = answer.Status;
            }

            entity["AnswerJson"] = answer.Json;
        }

        Put(entity, "DetailJson", record.DetailJson);
        switch (record)
        {
            case OrderRecord order:
                entity["Currency"] = order.Ledger.Currency.Code;
                PutAmount(entity, "Accepted", order.Ledger.Accepted);
                PutAmount(entity, "Prepaid", order.Ledger.Prepaid);
                PutAmount(entity, "Shipped", order.Ledger.Shipped);
                PutAmount(entity, "Invoiced", order.Ledger.Invoiced);
                if (order.Ledger.Cancelled)
                {
                    entity["Cancelled"] = true;
                }

                entity["Status"] = order.Status.ToString();
                if (order.Amount is { } amount)
                {
                    entity["OrderAmount"] = Text(amount.Amount);
                }

                Put(entity, "HoldId", order.HoldId);
                if (order.Release is { } release)
                {
                    entity["ReleasedAmount"] = Text(release.ReleasedAmount.Amount);
                    entity["ReleasedOn"] = release.ReleasedOn.ToString("O", CultureInfo.InvariantCulture);
                }

                break;
            case InvoiceRecord invoice:
                entity["Currency"] = invoice.Ledger.Amount.Currency.Code;
                PutAmount(entity, "Amount", invoice.Ledger.Amount);
                PutAmount(entity, "Paid", invoice.Ledger.Paid);
                Put(entity, "DueDate", invoice.Ledger.DueDate?.ToString("O", CultureInfo.InvariantCulture));
                Put(entity, "OrderId", invoice.OrderId);
                break;
            case DocumentRecord document when document.Applied:
                entity["Applied"] = true;
                break;
        }

        return entity;
    }

    /// <summary>Splits <c>erp|{kind}|{id}</c>.</summary>
    private static (ErpDocumentKind Kind, string Id) ParseKey(string rowKey)
    {
        var parts = rowKey.Split('|', 3);
        return (Enum.Parse<ErpDocumentKind>(parts[1], ignoreCase: true), parts[2]);
    }

    private static void Put(TableEntity entity, string column, string? value)
    {
        if (value is not null)
        {
            entity[column] = value;
        }
    }

    private static void PutAmount(TableEntity entity, string column, Money amount)
    {
        if (amount.Amount != 0m)
        {
            entity[column] = Text(amount.Amount);
        }
    }

    public static ErpRecord ToRecord(TableEntity e)
    {
        var (kind, id) = ParseKey(e.RowKey);
        var answer = e.GetString("BodyHash") is { } hash ? new StoredAnswer(hash, e.GetInt32("AnswerStatus") ?? 200, e.GetString("AnswerJson") ?? "{}") : null;
        var eTag = e.ETag.ToString();
        return ToRecord(e, kind, id, answer, eTag) with { DetailJson = e.GetString("DetailJson") };
    }

    private static ErpRecord ToRecord(TableEntity e, ErpDocumentKind kind, string id, StoredAnswer? answer, string eTag)
    {
        switch (kind)
        {
            case ErpDocumentKind.Order:
                var currency = new Currency(e.GetString("Currency"));
                var ledger = new OrderLedger(
                    Read(e, "Accepted", currency), Read(e, "Prepaid", currency), Read(e, "Shipped", currency), Read(e, "Invoiced", currency), e.GetBoolean("Cancelled") ?? false);
                var release = e.GetString("ReleasedAmount") is { } released && e.GetString("ReleasedOn") is { } on
                    ? new OrderRelease(id, new Money(Parse(released), currency), DateOnly.ParseExact(on, "O", CultureInfo.InvariantCulture))
                    : null;
                var orderAmount = e.GetString("OrderAmount") is { } text ? new Money(Parse(text), currency) : (Money?)null;
                return new OrderRecord(id, answer, eTag, ledger, Enum.Parse<OrderStatus>(e.GetString("Status")), orderAmount, e.GetString("HoldId"), release);
            case ErpDocumentKind.Invoice:
                var invoiceCurrency = new Currency(e.GetString("Currency"));
                var due = e.GetString("DueDate") is { } d ? DateOnly.ParseExact(d, "O", CultureInfo.InvariantCulture) : (DateOnly?)null;
                return new InvoiceRecord(id, answer, eTag, new InvoiceLedger(Read(e, "Amount", invoiceCurrency), Read(e, "Paid", invoiceCurrency), due), e.GetString("OrderId"));
            default:
                return new DocumentRecord(kind, id, answer, eTag, e.GetBoolean("Applied") ?? false);
        }
    }

    private static Money Read(TableEntity e, string column, Currency currency) => new(Parse(e.GetString(column) ?? "0"), currency);

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record StoredInvoice(string Id, DateOnly Due, string Open);
}
