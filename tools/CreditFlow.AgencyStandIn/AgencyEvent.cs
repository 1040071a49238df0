using System.Globalization;
using System.Text.Json;

namespace CreditFlow.AgencyStandIn;

/// <summary>What the agency reports about a case; the wire name is in each member's summary.</summary>
public enum AgencyEventKind
{
    /// <summary><c>accepted</c>: the agency took the case on.</summary>
    Accepted,

    /// <summary><c>contactMade</c>: the agency reached the customer.</summary>
    ContactMade,

    /// <summary><c>promise</c>: the customer promised to pay by <see cref="AgencyEvent.PromisedDate"/>.</summary>
    Promise,

    /// <summary><c>recovery</c>: cash collected from the customer, gross (before the agency's commission), in <see cref="AgencyEvent.Amount"/>.</summary>
    Recovery,

    /// <summary><c>settlementOffer</c>: what the customer offers to pay from now on in full and final settlement, in <see cref="AgencyEvent.Amount"/>.</summary>
    SettlementOffer,

    /// <summary><c>returnedUnrecovered</c>: the agency gives up and hands the case back.</summary>
    ReturnedUnrecovered,
}

/// <summary>
/// One event as posted to CreditFlow's <c>/api/agency/events</c>:
/// <c>{"eventId","caseId","kind","occurredAt","amount"?,"promisedDate"?,"note"?}</c>.
/// </summary>
/// <remarks>
/// This record is sent as it is, unchecked, so a test can also send what the contract forbids (a recovery
/// without an amount) and see CreditFlow refuse it; <see cref="StandInAgency.ReportAsync(string, AgencyEventKind, AgencyReportDetails?, CancellationToken)"/>
/// builds only valid ones.
/// </remarks>
/// <param name="EventId">Unique per agency: CreditFlow drops a second event with the same id.</param>
/// <param name="CaseId">CreditFlow's case id, from the placement.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OccurredAt">When it happened; sent in UTC to the second, <c>2026-02-01T09:30:00Z</c>.</param>
/// <param name="Amount">Required for a recovery and a settlement offer.</param>
/// <param name="PromisedDate">Required for a promise.</param>
/// <param name="Note">Free text, optional.</param>
public sealed record AgencyEvent(
    string EventId,
    string CaseId,
    AgencyEventKind Kind,
    DateTimeOffset OccurredAt,
    AgencyMoney? Amount = null,
    DateOnly? PromisedDate = null,
    string? Note = null)
{
    /// <summary>The kind's name on the wire (<c>contactMade</c>, <c>returnedUnrecovered</c>, ...).</summary>
    public static string WireName(AgencyEventKind kind) => kind switch
    {
        AgencyEventKind.Accepted => "accepted",
        AgencyEventKind.ContactMade => "contactMade",
        AgencyEventKind.Promise => "promise",
        AgencyEventKind.Recovery => "recovery",
        AgencyEventKind.SettlementOffer => "settlementOffer",
        AgencyEventKind.ReturnedUnrecovered => "returnedUnrecovered",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an agency event kind"),
    };

    /// <summary>The JSON body, fields in the contract's order; absent optional fields are left out rather than sent as null.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventId", EventId);
            json.WriteString("caseId", CaseId);
            json.WriteString("kind", WireName(Kind));
            json.WriteString("occurredAt", OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (Amount is { } amount)
            {
                json.WriteStartObject("amount");
                // WriteNumber(decimal) keeps the scale: 1000.00 stays 1000.00.
                json.WriteNumber("amount", amount.Amount);
                json.WriteString("currency", amount.Currency);
                json.WriteEndObject();
            }

            if (PromisedDate is { } promised)
            {
                json.WriteString("promisedDate", promised.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (Note is { } note)
            {
                json.WriteString("note", note);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>The optional parts of a report; which are required depends on the kind (see <see cref="AgencyEventKind"/>).</summary>
public sealed record AgencyReportDetails
{
    /// <summary>The amount of a recovery or a settlement offer.</summary>
    public decimal? Amount { get; init; }

    /// <summary>The amount's currency; when null, the placed case's claimed currency, else the stand-in's default.</summary>
    public string? Currency { get; init; }

    /// <summary>The date a promise is for.</summary>
    public DateOnly? PromisedDate { get; init; }

    /// <summary>Free text for the case's timeline.</summary>
    public string? Note { get; init; }

    /// <summary>An explicit event id, e.g. to send an earlier event's id again and watch CreditFlow ignore it.</summary>
    public string? EventId { get; init; }

    /// <summary>When it happened; the stand-in's clock when null.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
}

/// <summary>What CreditFlow answered to a report.</summary>
/// <param name="Url">Where the event was posted.</param>
/// <param name="StatusCode">The HTTP status CreditFlow answered.</param>
/// <param name="ResponseBody">CreditFlow's answer, as text.</param>
/// <param name="Event">The event sent; pass it to <see cref="StandInAgency.ReportAsync(AgencyEvent, CancellationToken)"/> to send it again.</param>
/// <param name="SentBody">The exact body signed and sent.</param>
public sealed record AgencyReportResult(Uri Url, int StatusCode, string ResponseBody, AgencyEvent Event, string SentBody)
{
    /// <summary>Whether CreditFlow answered 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
