using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>The answer to an order or shipment: pass or hold, with every reason and remedy.</summary>
/// <param name="Decision">"pass" or "hold".</param>
/// <param name="HoldId">The hold to follow, on hold.</param>
/// <param name="ApproverRole">The least role whose authority covers the hold.</param>
/// <param name="AmountAtStake">Exposure plus the credit part.</param>
/// <param name="CoveredByRelease">A shipment passed because an earlier release covers it.</param>
/// <param name="PolicyVersion">The credit policy version it was decided under; absent in answers given before versions.</param>
public sealed record CheckAnswer(
    string Decision,
    IReadOnlyList<ReasonView> Reasons,
    IReadOnlyList<RemedyView> Remedies,
    string? HoldId,
    string? ApproverRole,
    Money AmountAtStake,
    bool CoveredByRelease,
    int? PolicyVersion = null)
{
    /// <summary>The answer for a domain decision taken under policy <paramref name="policyVersion"/>.</summary>
    public static CheckAnswer From(OrderDecision decision, string? holdId, int policyVersion)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new CheckAnswer(
            decision.Passed ? "pass" : "hold",
            decision.Reasons.Select(r => new ReasonView(Camel(r.Kind.ToString()), r.Explanation, r.Amount, r.InvoiceId, r.DaysOverdue)).ToArray(),
            decision.Remedies.Select(r => new RemedyView(Camel(r.Kind.ToString()), r.Amount, Camel(r.Clears.ToString()), r.Explanation, r.PrepaidShare)).ToArray(),
            decision.Passed ? null : holdId,
            decision.Approver?.Role.ToString(),
            decision.AmountAtStake,
            decision.CoveredByRelease,
            policyVersion);
    }

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>One hold reason as the ERP sees it; <paramref name="Kind"/> e.g. "overLimit", "notOnCreditList".</summary>
public sealed record ReasonView(string Kind, string Explanation, Money? Amount, string? InvoiceId, int? DaysOverdue);

/// <summary>One remedy as the ERP sees it; <paramref name="Kind"/> "pay", "temporaryLimitIncrease", "prepay" or "committeeException".</summary>
public sealed record RemedyView(string Kind, Money Amount, string Clears, string Explanation, decimal? PrepaidShare);
