using System.Globalization;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Approvals;

/// <summary>The wording of the approver's pages: amounts, times, roles and outcomes as approvers read them.</summary>
internal static class ApprovalWords
{
    /// <summary>An amount as approvers read it, e.g. "50,000.00 EUR": as everywhere else (<see cref="Money.ToString"/>).</summary>
    public static string Amount(Money money) => money.ToString();

    /// <summary>A time as approvers read it, to the minute, in UTC.</summary>
    public static string When(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"CreditOfficer" → "credit officer"; unknown names as they are.</summary>
    public static string Role(string role) =>
        string.Concat(role.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <inheritdoc cref="Role(string)"/>
    public static string Role(CreditRole role) => Role(role.ToString());

    /// <summary>An outcome in words, with the amount for a lower approval.</summary>
    public static string Outcome(ApprovalOutcome outcome, Money? amount) => outcome switch
    {
        ApprovalOutcome.Approved => "Approved",
        ApprovalOutcome.Rejected => "Rejected",
        ApprovalOutcome.ApprovedLower when amount is { } lower => $"Approved a lower amount, {Amount(lower)}",
        _ => outcome.ToString(),
    };
}
