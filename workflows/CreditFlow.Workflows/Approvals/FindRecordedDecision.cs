using Microsoft.DurableTask;
using CreditFlow.Storage.Approvals;

namespace CreditFlow.Workflows.Approvals;

/// <summary>Which step of which subject to look up.</summary>
public sealed record RecordedDecisionQuery(string SubjectId, string Step);

/// <summary>
/// The decision the approval page recorded for a step, if any. The page records before it raises
/// the event, so a decision whose event was lost in a crash is still found here.
/// </summary>
public sealed class FindRecordedDecision(ApprovalRepository approvals) : TaskActivity<RecordedDecisionQuery, ApprovalDecision?>
{
    /// <inheritdoc />
    public override async Task<ApprovalDecision?> RunAsync(TaskActivityContext context, RecordedDecisionQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await approvals.GetAsync(input.SubjectId, input.Step);
        return record is null
            ? null
            : new ApprovalDecision(record.Step, record.Outcome, record.ApprovedAmount, record.Comment, record.DecidedBy, record.ApproverRole, record.DecidedAt);
    }
}
