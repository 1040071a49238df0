using Microsoft.DurableTask;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Dunning;
using CreditFlow.Workflows.Imports;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.Review;
using CreditFlow.Workflows.Warnings;
using CreditFlow.Workflows.OrderCheck;
using CreditFlow.Workflows.Policies;

namespace CreditFlow.Workflows;

/// <summary>Every lifecycle's orchestrators and activities, registered with the durable worker in one place.</summary>
public static class CreditFlowWorkflows
{
    /// <summary>Adds all CreditFlow workflows to <paramref name="registry"/>.</summary>
    public static DurableTaskRegistry AddCreditFlowWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ApprovalRegistration.Register(registry);
        OnboardingRegistration.Register(registry);
        OrderCheckRegistration.Register(registry);
        DunningRegistration.Register(registry);
        WarningRegistration.Register(registry);
        ReviewRegistration.Register(registry);
        LegalCaseRegistration.Register(registry);
        ImportRegistration.Register(registry);
        PolicyRegistration.Register(registry);
        return registry;
    }
}
