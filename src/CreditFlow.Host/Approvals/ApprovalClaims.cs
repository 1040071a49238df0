namespace CreditFlow.Host.Approvals;

/// <summary>
/// What an approval token vouches for: one approver, acting on one step of one orchestration
/// instance, until it expires. <c>TokenId</c> is random; the ledger records it when the token is used.
/// </summary>
/// <remarks>Public because the approval pages, Razor components (always public), take it as a parameter.</remarks>
public sealed record ApprovalClaims(
    string TokenId,
    string InstanceId,
    string Step,
    string ApproverEmail,
    string ApproverRole,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// False for a genuine token presented for another instance or step (a foreign token): the
    /// signature only proves we issued it, not that it belongs to the approval being answered.
    /// </summary>
    public bool IsFor(string instanceId, string step) =>
        string.Equals(InstanceId, instanceId, StringComparison.Ordinal) && string.Equals(Step, step, StringComparison.Ordinal);
}
