using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage;
using CreditFlow.Workflows.Approvals;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>A refusal or a give-up, by whom and why.</summary>
/// <param name="Sequence">Counts refusals of one application, so a refusal after a reconsideration is logged apart.</param>
/// <param name="Decision">The approver's answer when a person refused; null for a refusal by the rules.</param>
public sealed record RefusalRecord(
    CreditApplicationRequest Application,
    ApplicationStatus Status,
    string Reason,
    int Sequence,
    ApprovalDecision? Decision,
    DateTimeOffset DecidedAt);

/// <summary>
/// Ends credit for the application: the application becomes Rejected or Abandoned, the profile
/// keeps no limit (a trial limit ends with it), and the decision says who refused and why.
/// </summary>
public sealed class RecordRefusal(CreditStore store) : TaskActivity<RefusalRecord, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, RefusalRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var application = input.Application;
        var what = input.Status == ApplicationStatus.Abandoned ? "application abandoned" : "credit refused";
        var decision = new CreditDecision(
            $"{application.ApplicationId}-{input.Status.ToString().ToLowerInvariant()}-{input.Sequence}",
            application.Customer.Id,
            input.DecidedAt,
            input.Decision?.DecidedBy ?? "system",
            what,
            input.Decision is { Comment: { Length: > 0 } comment } ? $"{input.Reason}: {comment}" : input.Reason,
            OnboardingJson.Snapshot(new { reason = input.Reason, decision = input.Decision }),
            null,
            application.ApplicationId);
        await OnboardingRecords.DecideAsync(store, decision, p => p with
        {
            Limit = p.Limit with { Amount = 0m },
            Status = p.Status == CreditProfileStatus.Blacklisted ? p.Status : CreditProfileStatus.Applicant,
        });
        await OnboardingRecords.UpdateApplicationAsync(store, application.ApplicationId, a => a with { Status = input.Status });
        return true;
    }
}
