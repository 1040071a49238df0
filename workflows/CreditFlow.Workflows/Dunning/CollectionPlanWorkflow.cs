using System.Globalization;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Approvals;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Dunning;

/// <summary>A special collection plan as its approval workflow carries it.</summary>
/// <param name="CustomerId">Whose invoice.</param>
/// <param name="CustomerName">The customer's name, for the approver.</param>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="Open">What is open on it.</param>
/// <param name="Plan">The plan as submitted (recorded pending on the invoice before the workflow starts).</param>
public sealed record CollectionPlanRequest(string CustomerId, string CustomerName, string InvoiceId, Money Open, CollectionPlan Plan)
{
    /// <summary>The workflow's instance id, derived from the plan.</summary>
    public string InstanceId => $"plan|{CustomerId}|{InvoiceId}|{Plan.PlanId}";
}

/// <summary>
/// A special collection plan, submitted by the credit officer: the credit manager approves or rejects it through
/// <see cref="ApprovalWorkflow"/>, then <see cref="RecordCollectionPlan"/> books the outcome (an approved plan completes
/// the plan-writing task of the special collection step).
/// </summary>
public sealed class CollectionPlanWorkflow : TaskOrchestrator<CollectionPlanRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, CollectionPlanRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var decision = await context.CallSubOrchestratorAsync<ApprovalDecision>(
            nameof(ApprovalWorkflow), ApprovalRequestFor(input), new SubOrchestrationOptions { InstanceId = input.InstanceId + "|approval" });
        await context.CallActivityAsync(nameof(RecordCollectionPlan), new CollectionPlanDecision(input, decision), StepRetries.Default);
        return decision.Outcome == ApprovalOutcome.Approved ? "Approved" : "Rejected";
    }

    private static ApprovalRequest ApprovalRequestFor(CollectionPlanRequest input)
    {
        var plan = input.Plan;
        return new ApprovalRequest(
            "collection plan",
            plan.PlanId,
            input.CustomerId,
            input.CustomerName,
            $"Special collection plan for invoice {input.InvoiceId} of {input.CustomerName}",
            input.Open,
            1,
            CreditRole.CreditManager,
            [
                new ApprovalSection("The plan", [
                    new ApprovalFact("Invoice", input.InvoiceId),
                    new ApprovalFact("Cause", plan.Cause),
                    new ApprovalFact("Means", plan.Means),
                    new ApprovalFact("Owner", plan.Owner),
                    new ApprovalFact("Submitted by", plan.SubmittedBy),
                ]),
                new ApprovalSection("Dates", plan.Milestones.Select(m => new ApprovalFact(m.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.What)).ToList()),
            ],
            "the open amount of the invoice");
    }
}

/// <summary>The outcome of a plan's approval, for <see cref="RecordCollectionPlan"/>.</summary>
public sealed record CollectionPlanDecision(CollectionPlanRequest Request, ApprovalDecision Decision);

/// <summary>Activity: books the approver's answer to a collection plan (<see cref="CollectionPlans"/>).</summary>
public sealed class RecordCollectionPlan(CollectionPlans plans) : TaskActivity<CollectionPlanDecision, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, CollectionPlanDecision input) =>
        plans.DecideAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
}
