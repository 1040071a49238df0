using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Calendar;
using CreditFlow.Domain.Roles;
using CreditFlow.Workflows.Policies;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// Reads the settings an approval runs on: the escalation ladder (the asked role, then every tier
/// above it in the authority matrix of the credit policy in force), the approvers' addresses and the reminder timing.
/// The plan is fixed in the approval's history, so one approval escalates along one matrix.
/// </summary>
public sealed class PlanApproval(CreditPolicies policies, ApproverDirectory approvers, IOptions<ApprovalTimingOptions> timing, WorkingCalendar calendar)
    : TaskActivity<CreditRole, ApprovalPlan>
{
    /// <inheritdoc />
    public override async Task<ApprovalPlan> RunAsync(TaskActivityContext context, CreditRole input)
    {
        var authority = (await policies.InForceAsync()).Authority;

        // A role outside the matrix (e.g. an admin asked directly) has nobody to escalate to.
        var asked = authority.TierOf(input);
        var roles = asked is null ? [input] : authority.Tiers.Where(t => t.Rank >= asked.Rank).Select(t => t.Role).ToArray();
        var plan = new ApprovalPlan(
            roles.Select(r => new ApproverRung(r, approvers.AddressOf(r))).ToArray(),
            timing.Value.ReminderAfterWorkingDays,
            timing.Value.EscalationAfterWorkingDays,
            calendar.Weekend.Order().ToArray());
        return plan;
    }
}
