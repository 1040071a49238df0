using CreditFlow.Domain.Monetary;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>
/// The collection agencies CreditFlow works with, as the case workflow reaches them: the host sends each message as a
/// signed webhook to the agency's configured address and knows each agency's commission.
/// </summary>
public interface IAgencyChannel
{
    /// <summary>True when <paramref name="agency"/> is configured.</summary>
    bool Knows(string agency);

    /// <summary>The configured agencies' names.</summary>
    IReadOnlyList<string> Agencies { get; }

    /// <summary>The share of what <paramref name="agency"/> recovers that it keeps, in percent.</summary>
    decimal CommissionPercent(string agency);

    /// <summary>Sends the case to <paramref name="agency"/>; throws when the agency does not take it (it is tried again).</summary>
    Task PlaceAsync(string agency, AgencyPlacement placement, CancellationToken cancellationToken);

    /// <summary>Tells <paramref name="agency"/> the case is taken back; throws when the agency does not confirm it (it is tried again).</summary>
    Task RecallAsync(string agency, AgencyRecall recall, CancellationToken cancellationToken);
}

/// <summary>A case placed with an agency: the webhook body <c>{"kind":"placement", …}</c>.</summary>
public sealed record AgencyPlacement(
    string CaseId,
    DateTimeOffset PlacedAt,
    AgencyCustomer Customer,
    Money Claimed,
    IReadOnlyList<AgencyInvoice> Invoices,
    Uri? CaseFileUrl,
    Uri? EventsUrl)
{
    /// <summary>What the message is.</summary>
    public string Kind => "placement";
}

/// <summary>The customer as the agency gets it.</summary>
public sealed record AgencyCustomer(string Id, string Name, string? RegistrationNumber);

/// <summary>An invoice of the case as the agency gets it: what is open on it now.</summary>
public sealed record AgencyInvoice(string InvoiceId, DateOnly DueDate, Money Open);

/// <summary>A case taken back from an agency: the webhook body <c>{"kind":"recall", …}</c>.</summary>
public sealed record AgencyRecall(string CaseId, DateTimeOffset RecalledAt, string Reason)
{
    /// <summary>What the message is.</summary>
    public string Kind => "recall";
}

/// <summary>
/// Addresses of a case the host serves: the case's page for staff, the case file for the agency holding the case (which
/// fetches it with a signed request), and where agencies report.
/// </summary>
public interface ICaseLinks
{
    /// <summary>The case's page, <c>/credit/cases/{caseId}</c>.</summary>
    Uri Page(string caseId);

    /// <summary>The case file's address for the agency.</summary>
    Uri CaseFile(string caseId);

    /// <summary>Where agencies post their reports.</summary>
    Uri AgencyEvents { get; }
}

/// <summary>No agency configured: cases go to litigation or arbitration only. The host replaces it with its signed channel.</summary>
internal sealed class NoAgencies : IAgencyChannel
{
    public IReadOnlyList<string> Agencies => [];

    public bool Knows(string agency) => false;

    public decimal CommissionPercent(string agency) => 0m;

    public Task PlaceAsync(string agency, AgencyPlacement placement, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"No agency is configured; case {placement?.CaseId} cannot be placed with '{agency}'.");

    public Task RecallAsync(string agency, AgencyRecall recall, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"No agency is configured; case {recall?.CaseId} cannot be recalled from '{agency}'.");
}
