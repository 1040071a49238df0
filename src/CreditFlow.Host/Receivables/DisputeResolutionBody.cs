using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Receivables;

/// <summary>The body of <c>POST /api/invoices/{invoiceId}/disputes/resolve</c>: how the open dispute was resolved.</summary>
/// <param name="Resolution">How it ended ("credit note 120.00 issued"), required, at most 1,000 characters.</param>
public sealed record DisputeResolutionBody(string? Resolution)
{
    internal static FieldErrors Validate(DisputeResolutionBody body) => DisputeBody.RequiredText(body.Resolution, "resolution", "how the dispute was resolved");
}
