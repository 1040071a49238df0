using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Policies;
using CreditFlow.Workflows.Policies;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>What to assess: the application with every figure known so far, and the phase.</summary>
public sealed record AssessmentInput(CreditApplicationRequest Application, AssessmentPhase Phase);

/// <summary>
/// Scores the customer, classifies it and proposes the limit and terms (<see cref="ApplicantAssessment"/>) under the
/// credit policy version in force on the day (<see cref="CreditPolicies"/>). Pure rules, run as an activity so the
/// result (and the rule and policy versions it used) is recorded in the workflow's history.
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
        var application = input.Application;
        var requested = application.RequestedLimit;
        var (policy, assessed) = await AssessedAsync(application, requested);
        if (assessed.Assignment is not { } assignment)
        {
            throw new InvalidOperationException($"Cannot score application {application.ApplicationId}: missing {string.Join(", ", assessed.Scoring.Missing.Select(m => m.Input))}.");
        }

        var (score, trial) = (assessed.Scoring, assessed.Trial);
        var (proposed, formula) = (assessed.ProposedLimit!.Value, assessed.LimitFormula!);
        var conditions = trial.GuaranteeRequired ? "guarantee or collateral required" : "none";
        return new CreditAssessment(
            input.Phase, assignment.Score, assignment.Class, assignment.Reason, score.ModelId, score.ModelVersion, score.Factors,
            trial.TrialLimit, trial.GuaranteeRequired, trial.Reason,
            proposed, formula, application.RequestedTermDays,
            assignment.Class > options.Value.CreditStandard, conditions, policy.Version);
    }

    /// <summary>
    /// The assessment under the version in force — or, when that version took over since screening and needs figures
    /// screening did not ask for, under the latest earlier version that can score the application (the one it was
    /// screened for); the next phase screens under the new version.
    /// </summary>
    private async Task<(CreditPolicy Policy, ApplicantAssessment Assessed)> AssessedAsync(CreditApplicationRequest application, Money requested)
    {
        var book = await policies.BookAsync();
        var inForce = book.InEffectOn(policies.Today);
        var assessed = ApplicantAssessment.Under(inForce, application.FinancialFigures, requested, application.Customer.AnnualSales);
        if (assessed.Assignment is not null)
        {
            return (inForce, assessed);
        }

        foreach (var earlier in book.Versions.Reverse().Where(v => v.EffectiveFrom <= inForce.EffectiveFrom && v.Version != inForce.Version))
        {
            var underEarlier = ApplicantAssessment.Under(earlier, application.FinancialFigures, requested, application.Customer.AnnualSales);
            if (underEarlier.Assignment is not null)
            {
                return (earlier, underEarlier);
            }
        }

        return (inForce, assessed);
    }
}
