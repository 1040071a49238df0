using Microsoft.DurableTask;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>The hold orchestration and its activities.</summary>
internal static class OrderCheckRegistration
{
    public static void Register(DurableTaskRegistry registry)
    {
        registry
            .AddOrchestrator<OrderHoldWorkflow>()
            .AddActivity<RecheckHold>()
            .AddActivity<ApplyHoldVerdict>()
            .AddActivity<RecordHoldRefusal>()
            .AddActivity<CloseApproval>()
            .AddActivity<NotifyErp>();
    }
}
