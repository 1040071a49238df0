using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;
using CreditFlow.Workflows.Policies;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>What to assess: the application with every figure known so far, and the phase.</summary>
public sealed record AssessmentInput(CreditApplicationRequest Application, AssessmentPhase Phase);

/// <summary>
/// Scores the customer, classifies it and proposes the limit and terms: the trial limit and
/// guarantee of the new-customer policy, and the final limit — the request capped by the class
/// coefficient × annual sales when the customer's sales are known. The scorecard, class bands, coefficients and
/// new-customer terms are those of the credit policy version in force on the day (<see cref="CreditPolicies"/>). Pure rules, run as an activity
/// so the result (and the rule and policy versions it used) is recorded in the workflow's history.
/// </summary>
public sealed class AssessApplication(
    CreditPolicies policies, IOptions<OnboardingOptions> options)
    : TaskActivity<AssessmentInput, CreditAssessment>
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Required data is missing; screening should have asked for it.</exception>
    public override async Task<CreditAssessment> RunAsync(TaskActivityContext context, AssessmentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policy = await policies.InForceAsync();
        var (classes, limits) = (policy.Classes, new ReferenceLimits(policy.Limits));
        var application = input.Application;
        var score = policy.Scorecard.Score(application.FinancialFigures);
        if (score.Score is null)
        {
            throw new InvalidOperationException($"Cannot score application {application.ApplicationId}: missing {string.Join(", ", score.Missing.Select(m => m.Input))}.");
        }

        var assignment = classes.Classify(score, blacklisted: false);
        var requested = application.RequestedLimit;
        var trial = policy.NewCustomers.Assess(requested);

        var (proposed, formula) = application.Customer.AnnualSales is { } sales && sales.Currency == requested.Currency
            ? Capped(requested, limits.ByClass(assignment.Class, new AnnualSalesBase(sales)))
            : (assignment.Class.AllowsCredit() ? requested : Money.Zero(requested.Currency),
                "no annual sales given: the request is proposed as it stands, subject to approval");

        var conditions = trial.GuaranteeRequired ? "guarantee or collateral required" : "none";
        return new CreditAssessment(
            input.Phase, assignment.Score, assignment.Class, assignment.Reason, score.ModelId, score.ModelVersion, score.Factors,
            trial.TrialLimit, trial.GuaranteeRequired, trial.Reason,
            proposed, formula, application.RequestedTermDays,
            assignment.Class > options.Value.CreditStandard, conditions, policy.Version);
    }

    private static (Money Limit, string Formula) Capped(Money requested, LimitProposal reference) =>
        reference.Limit < requested
            ? (reference.Limit, $"{reference.Formula}; the request {requested} is capped at it")
            : (requested, $"{reference.Formula}; the request {requested} fits under it");
}
