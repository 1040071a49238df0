using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Receivables;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// The order check's rows in the customer's partition of the credit table, next to the profile
/// (<c>profile</c>) and the decision log (<c>decision|…</c>): the exposure row <c>exposure</c> and
/// one row per ERP document <c>erp|{kind}|{id}</c>.
/// </summary>
/// <remarks>
/// The exposure row is everything a clean order needs, so checking one costs a point read and a
/// transaction: the exposure itself, the order terms, and a copy of the credit profile that every
/// profile write merges into it in the same transaction (<see cref="ProfileCopy"/>). Each writer merges
/// only its own columns, so the exposure, the terms and the profile copy never overwrite each other,
/// and every write moves the row's ETag, so an order decided on an older profile loses its commit and
/// is decided again. (A point read stays cheap as the partition grows; on the emulator a query scans the table.)
/// </remarks>
internal static class OrderCheckRows
{
    public const string ExposureRowKey = "exposure";

    /// <summary>Keeps the exposure row well below the 1 MiB entity limit (about 5,500 open invoices).</summary>
    private const int MaxChunks = 24;

    private static readonly JsonSerializerOptions InvoiceListJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly JsonSerializerOptions ProfileJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string DocumentKey(ErpDocumentKind kind, string id) =>
        "erp|" + kind.ToString().ToLowerInvariant() + "|" + TableKeys.Check(id, nameof(id));

    /// <summary>The exposure columns of the row, all of them (a merge must also overwrite what became zero or empty).</summary>
    /// <exception cref="InvalidOperationException">The open invoices no longer fit the row.</exception>
    public static TableEntity ToEntity(string customerId, ExposureState state)
    {
        var entity = new TableEntity(customerId, ExposureRowKey)
        {
            ["Currency"] = state.Currency.Code,
            ["OpenReceivables"] = Text(state.Amounts.OpenReceivables.Amount),
            ["ShippedNotInvoiced"] = Text(state.Amounts.ShippedNotInvoiced.Amount),
            ["OpenOrders"] = Text(state.Amounts.OpenOrders.Amount),
            ["Version"] = state.Version,
        };

        // A long open-invoice list spans several properties.
        var invoices = JsonSerializer.Serialize(state.OpenInvoices.Select(StoredInvoice.From), InvoiceListJson);
        if (!LongText.TryWrite(entity, "OpenInvoices", "OpenInvoiceChunks", invoices, MaxChunks))
        {
            throw new InvalidOperationException(
                $"Customer '{customerId}' has {state.OpenInvoices.Count} open invoices; at most about {LongText.PartChars * MaxChunks / StoredInvoice.TypicalChars} fit its exposure row.");
        }

        return entity;
    }

    /// <summary>The exposure, or null when nothing was ever booked (the row may hold only terms or the profile copy).</summary>
    public static ExposureState? ToExposure(TableEntity e)
    {
        if (e.GetString("Currency") is not { } code)
        {
            return null;
        }

        var currency = new Currency(code);
        var json = LongText.Read(e, "OpenInvoices", "OpenInvoiceChunks");
        var invoices = json.Length == 0 ? [] : JsonSerializer.Deserialize<StoredInvoice[]>(json) ?? [];
        return new ExposureState(
            new CreditExposure(Read(e, "OpenReceivables", currency), Read(e, "ShippedNotInvoiced", currency), Read(e, "OpenOrders", currency)),
            invoices.Select(i => i.ToInvoice(customerId: e.PartitionKey, currency)).ToArray(),
            e.GetInt64("Version") ?? 0);
    }

    /// <summary>The profile's copy on the exposure row, merged in by every profile write.</summary>
    public static TableEntity ProfileCopy(CustomerCreditProfile profile) =>
        new(profile.CustomerId, ExposureRowKey) { ["Profile"] = JsonSerializer.Serialize(profile, ProfileJson) };

    /// <summary>The profile copy, or null when the customer has no profile.</summary>
    public static CustomerCreditProfile? ToProfile(TableEntity e) =>
        e.GetString("Profile") is { } json ? JsonSerializer.Deserialize<CustomerCreditProfile>(json, ProfileJson) : null;

    /// <summary>The order terms' columns of the exposure row.</summary>
    public static TableEntity ToEntity(string customerId, OrderTerms terms) => new(customerId, ExposureRowKey)
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
            entity["AnswerJson"] = answer.Json;
        }

        Put(entity, "DetailJson", record.DetailJson);
        if (record.Checked is { } facts)
        {
            entity["CheckedOn"] = facts.Day.ToString("O", CultureInfo.InvariantCulture);
            entity["CheckedJson"] = facts.Json;
        }

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
                entity["Currency"] = invoice.Paid.Currency.Code;
                if (invoice.Invoice is { } booked)
                {
                    PutAmount(entity, "Amount", booked.Amount);
                    entity["IssueDate"] = booked.IssueDate.ToString("O", CultureInfo.InvariantCulture);
                    entity["DueDate"] = booked.DueDate.ToString("O", CultureInfo.InvariantCulture);
                }

                PutAmount(entity, "Paid", invoice.Paid);
                PutAmount(entity, "Credited", invoice.Credited);
                Put(entity, "OrderId", invoice.OrderId);
                Put(entity, "LastPaidOn", invoice.LastPaidOn?.ToString("O", CultureInfo.InvariantCulture));
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
        var answer = e.GetString("BodyHash") is { } hash ? new StoredAnswer(hash, e.GetString("AnswerJson") ?? "{}") : null;
        var eTag = e.ETag.ToString();
        var facts = e.GetString("CheckedOn") is { } day && e.GetString("CheckedJson") is { } json
            ? new CheckedFacts(DateOnly.ParseExact(day, "O", CultureInfo.InvariantCulture), json)
            : null;
        return ToRecord(e, kind, id, answer, eTag) with { DetailJson = e.GetString("DetailJson"), Checked = facts };
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
                var (paid, credited) = (Read(e, "Paid", invoiceCurrency), Read(e, "Credited", invoiceCurrency));
                var lastPaidOn = e.GetString("LastPaidOn") is { } last ? Date(last) : (DateOnly?)null;
                if (e.GetString("DueDate") is not { } due)
                {
                    return new InvoiceRecord(id, answer, eTag, null, paid, credited, e.GetString("OrderId")) { LastPaidOn = lastPaidOn };
                }

                var dueDate = Date(due);

                // Rows booked before the issue date was kept have none: their term is unknown, so it is taken as ending on the due date.
                var issueDate = e.GetString("IssueDate") is { } issue ? Date(issue) : dueDate;
                var booked = new Invoice(e.PartitionKey, id, issueDate, dueDate, Read(e, "Amount", invoiceCurrency)) { Paid = paid, Credited = credited };
                return new InvoiceRecord(id, answer, eTag, booked, Money.Zero(invoiceCurrency), Money.Zero(invoiceCurrency), e.GetString("OrderId")) { LastPaidOn = lastPaidOn };
            default:
                return new DocumentRecord(kind, id, answer, eTag, e.GetBoolean("Applied") ?? false);
        }
    }

    private static Money Read(TableEntity e, string column, Currency currency) => new(Parse(e.GetString(column) ?? "0"), currency);

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "O", CultureInfo.InvariantCulture);

    /// <summary>
    /// An open invoice in the exposure row's list. Rows written before the list kept the whole invoice
    /// carry only <see cref="Open"/>: such an invoice is read back as issued on its due date for its
    /// open amount (all the stop line needs), and is written in full at the row's next change.
    /// </summary>
    private sealed record StoredInvoice(string Id, DateOnly Due, string? Open, DateOnly? Issue, string? Amount, string? Paid, string? Credited)
    {
        /// <summary>About how many characters one invoice takes in the list.</summary>
        public const int TypicalChars = 130;

        public static StoredInvoice From(Invoice i) =>
            new(i.InvoiceId, i.DueDate, null, i.IssueDate, Text(i.Amount.Amount), Value(i.Paid), Value(i.Credited));

        public Invoice ToInvoice(string customerId, Currency currency) => Amount is { } amount
            ? new Invoice(customerId, Id, Issue ?? Due, Due, new Money(Parse(amount), currency))
            {
                Paid = new Money(Parse(Paid ?? "0"), currency),
                Credited = new Money(Parse(Credited ?? "0"), currency),
            }
            : new Invoice(customerId, Id, Due, Due, new Money(Parse(Open ?? "0"), currency));

        private static string? Value(Money m) => m.Amount == 0m ? null : Text(m.Amount);
    }
}
