using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.LegalHandoff;

/// <summary>One report of the agency holding a case, as received.</summary>
/// <param name="EventId">The agency's id of the report; one report however often it is sent.</param>
/// <param name="Agency">The agency that sent it.</param>
/// <param name="Kind">What it reports.</param>
/// <param name="OccurredAt">When it happened, by the agency.</param>
/// <param name="ReceivedAt">When CreditFlow received it.</param>
/// <param name="Amount">Collected (a recovery) or offered (a settlement offer); null otherwise.</param>
/// <param name="PromisedDate">The day the customer promised to pay, for a promise.</param>
/// <param name="Note">The agency's words.</param>
/// <param name="Commission">The agency's commission on a recovery.</param>
/// <param name="Booked">True once a recovery was booked as payments on the case's invoices.</param>
public sealed record AgencyReport(
    string EventId,
    string Agency,
    AgencyReportKind Kind,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    Money? Amount,
    DateOnly? PromisedDate,
    string? Note,
    Money? Commission = null,
    bool Booked = false);
