using System.Globalization;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Cases;

/// <summary>
/// The body of <c>POST /api/agency/events</c>: an agency's report on a case it holds. The agency is the signed request's,
/// never the body's.
/// </summary>
/// <param name="EventId">The agency's id of the report: one report however often it is sent.</param>
/// <param name="CaseId">Which case.</param>
/// <param name="Kind">accepted, contactMade, promise, recovery, settlementOffer or returnedUnrecovered.</param>
/// <param name="OccurredAt">When it happened (ISO 8601 with an offset).</param>
/// <param name="Amount">Collected (recovery) or offered (settlementOffer), in the case's currency.</param>
/// <param name="PromisedDate">For a promise: the day, yyyy-MM-dd.</param>
/// <param name="Note">The agency's words, at most 2,000 characters.</param>
public sealed record AgencyEventBody(string? EventId, string? CaseId, string? Kind, DateTimeOffset? OccurredAt, MoneyBody? Amount, string? PromisedDate, string? Note)
{
    /// <summary>The kinds, as the wire names them.</summary>
    internal static string[] Kinds { get; } = Enum.GetNames<AgencyReportKind>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToArray();

    internal AgencyReportKind ParsedKind => Enum.Parse<AgencyReportKind>(Kind!, ignoreCase: true);

    internal Money? ParsedAmount => Amount is { Amount: { } a, Currency: { } c } ? new Money(a, new Currency(c)) : null;

    internal DateOnly? ParsedPromisedDate =>
        DateOnly.TryParseExact(PromisedDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    internal static FieldErrors Validate(AgencyEventBody body)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(body.EventId) || !ResourceIds.IsPlausible(body.EventId))
        {
            errors.Add("eventId", "is required: 1-256 characters without '/', '\\', '#', '?' or control characters.");
        }

        if (string.IsNullOrEmpty(body.CaseId) || !ResourceIds.IsPlausible(body.CaseId))
        {
            errors.Add("caseId", "is required: the case's id as placed.");
        }

        AgencyReportKind? kind = null;
        if (string.IsNullOrEmpty(body.Kind) || !Enum.TryParse<AgencyReportKind>(body.Kind, ignoreCase: true, out var k) || !Enum.IsDefined(k) || int.TryParse(body.Kind, out _))
        {
            errors.Add("kind", $"is required: one of {string.Join(", ", Kinds)}.");
        }
        else
        {
            kind = k;
        }

        if (body.OccurredAt is null)
        {
            errors.Add("occurredAt", "is required: when it happened, e.g. \"2026-03-02T09:30:00Z\".");
        }

        var needsAmount = kind is AgencyReportKind.Recovery or AgencyReportKind.SettlementOffer;
        if (needsAmount && body.Amount is null)
        {
            errors.Add("amount", $"is required for a {body.Kind}: {{\"amount\": 1000.00, \"currency\": \"CNY\"}}.");
        }
        else if (!needsAmount && body.Amount is not null && kind is not null)
        {
            errors.Add("amount", $"is only given for a recovery or a settlement offer, not a {body.Kind}.");
        }
        else if (body.Amount is not null)
        {
            if (body.Amount.Amount is not { } amount || amount < 0m || (kind == AgencyReportKind.Recovery && amount == 0m))
            {
                errors.Add("amount.amount", kind == AgencyReportKind.Recovery ? "must be more than 0." : "must be 0 or more.");
            }

            if (body.Amount.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
            {
                errors.Add("amount.currency", "must be a three-letter ISO 4217 code, e.g. \"CNY\".");
            }
        }

        if (kind == AgencyReportKind.Promise && body.ParsedPromisedDate is null)
        {
            errors.Add("promisedDate", "is required for a promise: the day, yyyy-MM-dd.");
        }
        else if (kind is not null && kind != AgencyReportKind.Promise && body.PromisedDate is not null)
        {
            errors.Add("promisedDate", $"is only given for a promise, not a {body.Kind}.");
        }

        if (body.Note is { Length: > CaseText.MaxChars })
        {
            errors.Add("note", $"must be at most {CaseText.MaxChars:N0} characters.");
        }

        return errors;
    }
}
