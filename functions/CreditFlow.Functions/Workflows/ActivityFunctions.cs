using System.Text.Json;
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

namespace CreditFlow.Functions.Workflows;

/// <summary>
/// Every activity of the workflows as an activity function of the Durable extension, running the same class the host's
/// engines run. Public: the Functions runtime finds functions on public types only.
/// </summary>
public sealed class ActivityFunctions(WorkflowCatalog workflows)
{
    // Approvals
    [Function(nameof(PlanApproval))]
    public Task<object?> PlanApproval([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(PlanApproval), input, context);

    [Function(nameof(SendApprovalMail))]
    public Task<object?> SendApprovalMail([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(SendApprovalMail), input, context);

    [Function(nameof(FindRecordedDecision))]
    public Task<object?> FindRecordedDecision([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(FindRecordedDecision), input, context);

    // Onboarding
    [Function(nameof(FileApplication))]
    public Task<object?> FileApplication([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(FileApplication), input, context);

    [Function(nameof(ScreenApplication))]
    public Task<object?> ScreenApplication([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(ScreenApplication), input, context);

    [Function(nameof(AssessApplication))]
    public Task<object?> AssessApplication([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(AssessApplication), input, context);

    [Function(nameof(RecordAssessment))]
    public Task<object?> RecordAssessment([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordAssessment), input, context);

    [Function(nameof(RecordGrant))]
    public Task<object?> RecordGrant([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordGrant), input, context);

    [Function(nameof(RecordRefusal))]
    public Task<object?> RecordRefusal([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordRefusal), input, context);

    [Function(nameof(SetApplicationStatus))]
    public Task<object?> SetApplicationStatus([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(SetApplicationStatus), input, context);

    [Function(nameof(StoreSuppliedData))]
    public Task<object?> StoreSuppliedData([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(StoreSuppliedData), input, context);

    [Function(nameof(ReadExposure))]
    public Task<object?> ReadExposure([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(ReadExposure), input, context);

    [Function(nameof(SendOnboardingMail))]
    public Task<object?> SendOnboardingMail([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(SendOnboardingMail), input, context);

    // OrderCheck
    [Function(nameof(RecheckHold))]
    public Task<object?> RecheckHold([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecheckHold), input, context);

    [Function(nameof(ApplyHoldVerdict))]
    public Task<object?> ApplyHoldVerdict([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(ApplyHoldVerdict), input, context);

    [Function(nameof(RecordHoldRefusal))]
    public Task<object?> RecordHoldRefusal([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordHoldRefusal), input, context);

    [Function(nameof(CloseApproval))]
    public Task<object?> CloseApproval([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(CloseApproval), input, context);

    [Function(nameof(NotifyErp))]
    public Task<object?> NotifyErp([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(NotifyErp), input, context);

    // Dunning
    [Function(nameof(RecordPaymentExtension))]
    public Task<object?> RecordPaymentExtension([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordPaymentExtension), input, context);

    [Function(nameof(RecordCollectionPlan))]
    public Task<object?> RecordCollectionPlan([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordCollectionPlan), input, context);

    [Function(nameof(RecordPolicyDecision))]
    public Task<object?> RecordPolicyDecision([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordPolicyDecision), input, context);

    [Function(nameof(TakeDunningSteps))]
    public Task<object?> TakeDunningSteps([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(TakeDunningSteps), input, context);

    [Function(nameof(ReportStuckDunning))]
    public Task<object?> ReportStuckDunning([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(ReportStuckDunning), input, context);

    // Warnings
    [Function(nameof(RaiseWarning))]
    public Task<object?> RaiseWarning([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RaiseWarning), input, context);

    [Function(nameof(ChaseWarning))]
    public Task<object?> ChaseWarning([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(ChaseWarning), input, context);

    [Function(nameof(CloseWarning))]
    public Task<object?> CloseWarning([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(CloseWarning), input, context);

    // Re-review
    [Function(nameof(ReviewCustomer))]
    public Task<object?> ReviewCustomer([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(ReviewCustomer), input, context);

    [Function(nameof(RecordReviewDecision))]
    public Task<object?> RecordReviewDecision([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordReviewDecision), input, context);

    [Function(nameof(ScheduleReview))]
    public Task<object?> ScheduleReview([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(ScheduleReview), input, context);

    [Function(nameof(TakeCaseSteps))]
    public Task<object?> TakeCaseSteps([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(TakeCaseSteps), input, context);

    [Function(nameof(RecordCaseDecision))]
    public Task<object?> RecordCaseDecision([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(RecordCaseDecision), input, context);

    // Imports
    [Function(nameof(ApplyImportRows))]
    public Task<object?> ApplyImportRows([ActivityTrigger] JsonElement? input, FunctionContext context) => workflows.RunActivityAsync(nameof(ApplyImportRows), input, context);
}
