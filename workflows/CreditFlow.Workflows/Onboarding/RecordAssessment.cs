using CreditFlow.Storage;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.Approvals;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>An assessment to document, with the approvals decided so far.</summary>
public sealed record AssessmentRecord(CreditApplicationRequest Application, CreditAssessment Assessment, IReadOnlyList<ApprovalDecision> Approvals, DateTimeOffset DecidedAt);

/// <summary>
/// Documents a scoring: writes the credit report, then puts score, class, model and report link on
/// the profile and logs the decision with the full score explanation — profile and log in one transaction.
/// </summary>
public sealed class RecordAssessment(CreditStore store) : TaskActivity<AssessmentRecord, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, AssessmentRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (application, assessment) = (input.Application, input.Assessment);
        var customerId = application.Customer.Id;

        // A retry may leave an unlinked report blob behind; the profile links exactly one.
        var report = await store.Reports.SaveAsync(customerId, CreditReport.Render(application, assessment, input.Approvals, input.DecidedAt));
        var decision = new CreditDecision(
            $"{application.ApplicationId}-scored-{assessment.Phase.ToString().ToLowerInvariant()}",
            customerId,
            input.DecidedAt,
            "system",
            $"scored {assessment.Score:0.##}: class {assessment.Class}; proposed limit {assessment.ProposedLimit}, trial limit {assessment.TrialLimit}",
            assessment.ClassReason + "; " + assessment.LimitFormula,
            OnboardingJson.Snapshot(new
            {
                score = new
                {
                    value = assessment.Score,
                    @class = assessment.Class,
                    reason = assessment.ClassReason,
                    modelId = assessment.ModelId,
                    modelVersion = assessment.ModelVersion,
                    policyVersion = assessment.PolicyVersion,
                    factors = assessment.Factors,
                },
                proposal = new
                {
                    // What the limits were worked out from, so a credit policy's simulation can work them out again.
                    requestedLimit = application.RequestedLimit,
                    annualSales = application.Customer.AnnualSales,
                    trialLimit = assessment.TrialLimit,
                    guaranteeRequired = assessment.GuaranteeRequired,
                    proposedLimit = assessment.ProposedLimit,
                    formula = assessment.LimitFormula,
                    termDays = assessment.TermDays,
                    conditions = assessment.Conditions,
                },
                figures = application.FinancialFigures,
            }),
            $"{assessment.ModelId}/{assessment.ModelVersion}",
            application.ApplicationId);
        await OnboardingRecords.DecideAsync(store, decision, p => p with
        {
            Class = assessment.Class,
            Score = assessment.Score,
            ModelId = assessment.ModelId,
            ModelVersion = assessment.ModelVersion,
            CreditReportBlob = report,
        });
        return report;
    }
}
