using System.Globalization;
using System.Text.Json;

namespace CreditFlow.AgencyStandIn;

/// <summary>What CreditFlow asked of the agency: take a case on, or give it back.</summary>
public enum CaseMessageKind
{
    /// <summary><c>"kind":"placement"</c>: a new case to collect.</summary>
    Placement,

    /// <summary><c>"kind":"recall"</c>: CreditFlow takes the case back; the agency stops working it.</summary>
    Recall,
}

/// <summary>The customer a case is against, as the placement names it.</summary>
/// <param name="Id">CreditFlow's customer id.</param>
/// <param name="Name">The company's name.</param>
/// <param name="RegistrationNumber">Its registration number (e.g. the unified social credit code), if sent.</param>
public sealed record CaseCustomer(string Id, string Name, string? RegistrationNumber);

/// <summary>One open invoice a placement covers.</summary>
/// <param name="InvoiceId">The ERP's invoice id.</param>
/// <param name="DueDate">When it fell due.</param>
/// <param name="Open">What is still open on it at placement.</param>
public sealed record CaseInvoice(string InvoiceId, DateOnly DueDate, AgencyMoney Open);

/// <summary>
/// One signed placement or recall the stand-in accepted, with its fields parsed. Placement-only fields
/// (<see cref="Customer"/>, <see cref="Claimed"/>, <see cref="CaseFileUrl"/>, <see cref="EventsUrl"/>) are null on a
/// recall, and <see cref="Reason"/> is null on a placement.
/// </summary>
/// <param name="Kind">Placement or recall.</param>
/// <param name="CaseId">CreditFlow's case id.</param>
/// <param name="At">When CreditFlow placed or recalled the case (<c>placedAt</c> / <c>recalledAt</c>).</param>
/// <param name="Customer">Whom the case is against.</param>
/// <param name="Claimed">The total the agency is asked to collect.</param>
/// <param name="Invoices">The invoices behind the claim (empty on a recall).</param>
/// <param name="CaseFileUrl">Where the agency downloads the case file.</param>
/// <param name="EventsUrl">Where the agency reports back.</param>
/// <param name="Reason">Why the case was recalled.</param>
/// <param name="ReceivedAt">When the stand-in received it.</param>
/// <param name="Body">The body exactly as received, for printing and for the state file.</param>
public sealed record ReceivedCase(
    CaseMessageKind Kind,
    string CaseId,
    DateTimeOffset At,
    CaseCustomer? Customer,
    AgencyMoney? Claimed,
    IReadOnlyList<CaseInvoice> Invoices,
    Uri? CaseFileUrl,
    Uri? EventsUrl,
    string? Reason,
    DateTimeOffset ReceivedAt,
    string Body)
{
    /// <summary>
    /// Reads a placement or recall body. Every field the contract gives the kind is required (except a
    /// registration number, a recall's reason and an invoice list that is empty), so a host-side mistake
    /// shows as a 400 naming the field instead of a case the agency cannot work.
    /// </summary>
    /// <exception cref="FormatException">The body is not JSON, or a required field is missing or malformed; the message names it.</exception>
    public static ReceivedCase Parse(string body, DateTimeOffset receivedAt)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new FormatException("the body is not JSON: " + e.Message, e);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the body is not a JSON object");
        }

        var caseId = Text(root, "caseId");
        return Text(root, "kind") switch
        {
            "placement" => new ReceivedCase(
                CaseMessageKind.Placement,
                caseId,
                Instant(root, "placedAt"),
                ReadCustomer(Member(root, "customer")),
                ReadMoney(Member(root, "claimed"), "claimed"),
                Member(root, "invoices") is { ValueKind: JsonValueKind.Array } invoices
                    ? [.. invoices.EnumerateArray().Select(ReadInvoice)]
                    : throw new FormatException("invoices must be an array"),
                Url(root, "caseFileUrl"),
                Url(root, "eventsUrl"),
                null,
                receivedAt,
                body),
            "recall" => new ReceivedCase(
                CaseMessageKind.Recall, caseId, Instant(root, "recalledAt"), null, null, [], null, null, OptionalText(root, "reason"), receivedAt, body),
            var other => throw new FormatException($"kind must be \"placement\" or \"recall\", not \"{other}\""),
        };
    }

    private static CaseCustomer ReadCustomer(JsonElement customer) =>
        new(Text(customer, "id", "customer.id"), Text(customer, "name", "customer.name"), OptionalText(customer, "registrationNumber"));

    private static CaseInvoice ReadInvoice(JsonElement invoice)
    {
        var id = Text(invoice, "invoiceId", "invoices[].invoiceId");
        var due = Text(invoice, "dueDate", "invoices[].dueDate");
        return DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new CaseInvoice(id, date, ReadMoney(Member(invoice, "open", "invoices[].open"), "invoices[].open"))
            : throw new FormatException($"invoices[].dueDate \"{due}\" is not yyyy-MM-dd");
    }

    private static AgencyMoney ReadMoney(JsonElement money, string name)
    {
        if (money.ValueKind != JsonValueKind.Object
            || !money.TryGetProperty("amount", out var amount)
            || amount.ValueKind != JsonValueKind.Number
            || !amount.TryGetDecimal(out var value))
        {
            throw new FormatException($"{name} must be {{\"amount\":<number>,\"currency\":\"XXX\"}}");
        }

        return new AgencyMoney(value, Text(money, "currency", name + ".currency"));
    }

    private static JsonElement Member(JsonElement parent, string name, string? path = null) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"{path ?? name} is missing");

    private static string Text(JsonElement parent, string name, string? path = null) =>
        Member(parent, name, path) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"{path ?? name} must be a non-empty string");

    private static string? OptionalText(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset Instant(JsonElement parent, string name) =>
        DateTimeOffset.TryParse(Text(parent, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new FormatException($"{name} is not an ISO 8601 instant");

    private static Uri Url(JsonElement parent, string name) =>
        Uri.TryCreate(Text(parent, name), UriKind.Absolute, out var url)
            ? url
            : throw new FormatException($"{name} is not an absolute URL");
}
