using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Dunning;
using CreditFlow.Workflows.Imports;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Review;
using CreditFlow.Workflows.Warnings;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.OrderCheck;
using CreditFlow.Workflows.Policies;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CreditFlow.Functions.Workflows;

/// <summary>
/// Every orchestrator of the workflows as an orchestrator function of the Durable extension, running the same class the
/// host's engines run. Public: the Functions runtime finds functions on public types only.
/// </summary>
public sealed class OrchestratorFunctions(WorkflowCatalog workflows)
{
    [Function(nameof(ApprovalWorkflow))]
    public Task<object?> ApprovalWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(ApprovalWorkflow), context);

    [Function(nameof(OnboardingWorkflow))]
    public Task<object?> OnboardingWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(OnboardingWorkflow), context);

    [Function(nameof(OrderHoldWorkflow))]
    public Task<object?> OrderHoldWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(OrderHoldWorkflow), context);

    [Function(nameof(PaymentExtensionWorkflow))]
    public Task<object?> PaymentExtensionWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(PaymentExtensionWorkflow), context);

    [Function(nameof(CollectionPlanWorkflow))]
    public Task<object?> CollectionPlanWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(CollectionPlanWorkflow), context);

    [Function(nameof(PolicyApprovalWorkflow))]
    public Task<object?> PolicyApprovalWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(PolicyApprovalWorkflow), context);

    [Function(nameof(DunningWorkflow))]
    public Task<object?> DunningWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(DunningWorkflow), context);

    [Function(nameof(WarningWorkflow))]
    public Task<object?> WarningWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(WarningWorkflow), context);

    [Function(nameof(CustomerReviewWorkflow))]
    public Task<object?> CustomerReviewWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(CustomerReviewWorkflow), context);

    [Function(nameof(LegalCaseWorkflow))]
    public Task<object?> LegalCaseWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(LegalCaseWorkflow), context);

    [Function(nameof(ImportWorkflow))]
    public Task<object?> ImportWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) => workflows.RunOrchestratorAsync(nameof(ImportWorkflow), context);
}
