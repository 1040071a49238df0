using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;

namespace CreditFlow.Domain.Reviews;

/// <summary>The re-review's decision: a pure function of the customer's facts and the policy.</summary>
public static class CustomerReview
{
    /// <summary>
    /// Proposes the customer's class, limit and status. Restricted credit comes first (warnings in this period and the
    /// last), then strategic credit (class A now and in every review of the last years, the first of them at least that
    /// many years ago), then the class's own limit: lower takes effect at once, higher after approval.
    /// </summary>
    public static ReviewProposal Propose(ReviewFacts facts, ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        var revision = facts.LastPolicyRevision is not { } last || facts.Today >= last.AddMonths(policy.PolicyRevisionMonths);
        var earned = (facts.CurrentLimit * facts.ClassLimitFactor).Rounded();
        var reasons = new List<string>();
        if (facts.CurrentClass != facts.NewClass)
        {
            reasons.Add($"rescored as class {facts.NewClass} (was {facts.CurrentClass?.ToString() ?? "unclassed"})");
        }

        if (facts.WarningsThisPeriod > 0 && facts.WarningsLastPeriod > 0 && facts.Status != CreditProfileStatus.Restricted)
        {
            reasons.Add($"warnings in two review periods in a row ({facts.WarningsLastPeriod} then {facts.WarningsThisPeriod}): restricted credit at {policy.RestrictedLimitShare:P0} of the limit");
            return new ReviewProposal(ReviewChange.Restricted, facts.NewClass, (earned * policy.RestrictedLimitShare).Rounded(), CreditProfileStatus.Restricted, revision, reasons);
        }

        var since = facts.Today.AddYears(-policy.StrategicAfterYears);
        var window = facts.PastReviews.Where(r => r.On > since).ToArray();
        var aRunning = facts.NewClass == CreditClass.A && window.Length > 0 && window.All(r => r.Class == CreditClass.A)
            && facts.PastReviews.Where(r => r.On <= since).Select(r => (CreditClass?)r.Class).LastOrDefault() == CreditClass.A;
        if (aRunning && facts.Status == CreditProfileStatus.Active)
        {
            reasons.Add($"class A in every review for {policy.StrategicAfterYears} years running: strategic credit at {policy.StrategicLimitFactor:0.##}× the limit");
            return new ReviewProposal(ReviewChange.Strategic, CreditClass.A, (earned * policy.StrategicLimitFactor).Rounded(), CreditProfileStatus.Strategic, revision, reasons);
        }

        var change = facts.NewClass > facts.CurrentClass || earned < facts.CurrentLimit ? ReviewChange.Decrease
            : facts.NewClass < facts.CurrentClass || earned > facts.CurrentLimit ? ReviewChange.Increase
            : ReviewChange.None;
        if (earned != facts.CurrentLimit)
        {
            reasons.Add($"limit {facts.CurrentLimit} → {earned} (class coefficient {facts.ClassLimitFactor:0.####}×)");
        }

        if (change == ReviewChange.None)
        {
            reasons.Add($"class {facts.NewClass} and limit {facts.CurrentLimit} confirmed");
        }

        return new ReviewProposal(change, facts.NewClass, earned, facts.Status, revision, reasons);
    }
}
