using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Review;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>A granted limit: the trial limit or, after the trial, the final one, with the approvals behind it.</summary>
/// <param name="Assessment">The assessment the grant rests on; the report written with the grant shows it with the approvals.</param>
public sealed record GrantRecord(
    CreditApplicationRequest Application,
    CreditAssessment Assessment,
    Money Limit,
    int TermDays,
    string Conditions,
    IReadOnlyList<ApprovalDecision> Approvals,
    DateTimeOffset DecidedAt,
    DateTimeOffset? TrialEndsAt);

/// <summary>
/// Grants the approved limit: the profile becomes Trial (trial limit) or Active (final limit) and
/// links a credit report that now includes the approvals, the decision names the approvers, and
/// the application moves to Trial or Granted.
/// </summary>
public sealed class RecordGrant(CreditStore store, CustomerReviews reviews) : TaskActivity<GrantRecord, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, GrantRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var application = input.Application;
        var phase = input.Assessment.Phase;
        var trial = phase == AssessmentPhase.Trial;
        var report = await store.Reports.SaveAsync(application.Customer.Id, CreditReport.Render(application, input.Assessment, input.Approvals, input.DecidedAt));
        var approvers = input.Approvals.Count == 0 ? "system" : string.Join(", ", input.Approvals.Select(a => $"{a.DecidedBy} ({a.DecidedByRole})"));
        var decision = new CreditDecision(
            $"{application.ApplicationId}-granted-{phase.ToString().ToLowerInvariant()}",
            application.Customer.Id,
            input.DecidedAt,
            input.Approvals.LastOrDefault()?.DecidedBy ?? "system",
            trial
                ? $"trial granted: limit {input.Limit}, {input.TermDays} days, until {input.TrialEndsAt:yyyy-MM-dd}"
                : $"credit granted: limit {input.Limit}, {input.TermDays} days",
            $"approved by {approvers}; conditions: {input.Conditions}",
            OnboardingJson.Snapshot(new { limit = input.Limit, termDays = input.TermDays, conditions = input.Conditions, approvals = input.Approvals, trialEndsAt = input.TrialEndsAt }),
            null,
            application.ApplicationId);
        await OnboardingRecords.DecideAsync(store, decision, p => p with
        {
            Limit = input.Limit,
            TermDays = input.TermDays,
            Conditions = input.Conditions,
            Status = trial ? CreditProfileStatus.Trial : CreditProfileStatus.Active,
            CreditReportBlob = report,
        });
        await OnboardingRecords.UpdateApplicationAsync(store, application.ApplicationId, a => a with
        {
            Status = trial ? ApplicationStatus.Trial : ApplicationStatus.Granted,
        });

        // Credit granted for good: from now on the customer is re-reviewed on schedule.
        if (!trial)
        {
            await reviews.StartAsync(application.Customer.Id, input.Assessment.Class, input.DecidedAt, CancellationToken.None);
        }

        return true;
    }
}
