using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// The settings one onboarding runs on, fixed when the application is filed so that replays (and
/// an application that lasts months) see the same numbers even when the settings change.
/// </summary>
public sealed record OnboardingPlan(
    TimeSpan TrialPeriod,
    int DataReminderAfterWorkingDays,
    int DataGiveUpAfterWorkingDays,
    TimeSpan ReconsiderationWindow,
    IReadOnlyList<DayOfWeek> Weekend,
    Currency AuthorityCurrency,
    IReadOnlyList<AuthorityRung> AuthorityTiers,
    bool CumulativeApproval)
{
    /// <summary>The authority matrix the plan was made with.</summary>
    public AuthorityMatrix Authority() =>
        new(AuthorityCurrency, AuthorityTiers.Select(t => (t.Role, t.UpTo)), CumulativeApproval);
}

/// <summary>One tier of the authority matrix as planned: a role and the amount it may approve (null: unbounded).</summary>
public sealed record AuthorityRung(CreditRole Role, decimal? UpTo);

/// <summary>Which assessment: at filing (the trial limit) or after the trial (the final limit).</summary>
public enum AssessmentPhase
{
    /// <summary>Scored on the application's data; decides the trial.</summary>
    Trial,

    /// <summary>Scored again with what the trial showed; decides the final limit.</summary>
    Final,
}

/// <summary>The scoring and proposal of one phase: the documented basis of the decision that follows.</summary>
/// <param name="Factors">How each factor scored, for the approver, the report and the decision log.</param>
/// <param name="TrialLimit">The new-customer policy's trial limit for this request.</param>
/// <param name="ProposedLimit">The limit proposed for the final grant: the request, capped by the reference limit.</param>
/// <param name="LimitFormula">How the reference limit was computed, or why there is none.</param>
/// <param name="BelowCreditStandard">The class is below the credit standard: sales must give a written reason.</param>
/// <param name="Conditions">Conditions attached to the credit, e.g. a guarantee.</param>
/// <param name="PolicyVersion">The credit policy version whose class bands and coefficients were used; absent in assessments made before versions.</param>
public sealed record CreditAssessment(
    AssessmentPhase Phase,
    decimal Score,
    CreditClass Class,
    string ClassReason,
    string ModelId,
    string ModelVersion,
    IReadOnlyList<Domain.Scoring.FactorExplanation> Factors,
    Money TrialLimit,
    bool GuaranteeRequired,
    string TrialReason,
    Money ProposedLimit,
    string LimitFormula,
    int TermDays,
    bool BelowCreditStandard,
    string Conditions,
    int? PolicyVersion = null);
