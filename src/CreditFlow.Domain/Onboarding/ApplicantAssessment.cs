using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Onboarding;

/// <summary>
/// What a version of the credit policy makes of an applicant's figures: the score, the class, the trial terms of a new
/// customer and the proposed final limit — the request capped by the class coefficient × annual sales when the annual
/// sales are known in the request's currency. Onboarding assesses under the version in force; a policy's simulation
/// assesses past applications again under a draft.
/// </summary>
/// <param name="Scoring">The score, or the figures the scorecard still needs.</param>
/// <param name="Assignment">The class, none when the scorecard could not score.</param>
/// <param name="Trial">The trial limit and whether a guarantee is required.</param>
/// <param name="ProposedLimit">The final limit proposed, none when not scored.</param>
/// <param name="LimitFormula">How the proposed limit was reached, in words.</param>
public sealed record ApplicantAssessment(
    ScoreResult Scoring,
    ClassAssignment? Assignment,
    NewCustomerTerms Trial,
    Money? ProposedLimit,
    string? LimitFormula)
{
    /// <summary>Assesses an applicant under <paramref name="policy"/>.</summary>
    /// <param name="policy">The version to assess under.</param>
    /// <param name="figures">The applicant's scorecard figures.</param>
    /// <param name="requested">The limit asked for.</param>
    /// <param name="annualSales">The applicant's annual sales, when known.</param>
    public static ApplicantAssessment Under(CreditPolicy policy, IReadOnlyDictionary<string, decimal> figures, Money requested, Money? annualSales)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(figures);
        var scoring = policy.Scorecard.Score(figures);
        var trial = policy.NewCustomers.Assess(requested);
        if (scoring.Score is null)
        {
            return new ApplicantAssessment(scoring, null, trial, null, null);
        }

        var assignment = policy.Classes.Classify(scoring, blacklisted: false);
        var (proposed, formula) = annualSales is { } sales && sales.Currency == requested.Currency
            ? Capped(requested, new ReferenceLimits(policy.Limits).ByClass(assignment.Class, new AnnualSalesBase(sales)))
            : (assignment.Class.AllowsCredit() ? requested : Money.Zero(requested.Currency),
                "no annual sales given: the request is proposed as it stands, subject to approval");
        return new ApplicantAssessment(scoring, assignment, trial, proposed, formula);
    }

    private static (Money Limit, string Formula) Capped(Money requested, LimitProposal reference) =>
        reference.Limit < requested
            ? (reference.Limit, $"{reference.Formula}; the request {requested} is capped at it")
            : (requested, $"{reference.Formula}; the request {requested} fits under it");
}
