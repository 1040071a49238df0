using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Approvals;

/// <summary>The approval-by-mail orchestration and its activities.</summary>
internal static class ApprovalRegistration
{
    public static void Register(DurableTaskRegistry registry)
    {
        registry
            .AddOrchestrator<ApprovalWorkflow>()
            .AddActivity<PlanApproval>()
            .AddActivity<SendApprovalMail>()
            .AddActivity<FindRecordedDecision>();
    }
}
