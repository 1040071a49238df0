using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Roles;
using CreditFlow.Workflows.Approvals;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// A request to pay an invoice later: the credit manager approves or rejects it through <see cref="ApprovalWorkflow"/>
/// (mail with links, reminders, escalation), then <see cref="RecordPaymentExtension"/> books the outcome; an approved
/// request moves the invoice's due date, and its dunning looks again on the new one.
/// </summary>
public sealed class PaymentExtensionWorkflow : TaskOrchestrator<PaymentExtensionRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, PaymentExtensionRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var decision = await context.CallSubOrchestratorAsync<ApprovalDecision>(
            nameof(ApprovalWorkflow), ApprovalRequestFor(input), new SubOrchestrationOptions { InstanceId = input.InstanceId + "|approval" });
        await context.CallActivityAsync(nameof(RecordPaymentExtension), new PaymentExtensionDecision(input, decision), StepRetries.Default);
        return decision.Outcome == ApprovalOutcome.Approved ? "Approved" : "Rejected";
    }

    private static ApprovalRequest ApprovalRequestFor(PaymentExtensionRequest input) => new(
        "payment extension",
        input.RequestId,
        input.CustomerId,
        input.CustomerName,
        $"{input.CustomerName} asks to pay invoice {input.InvoiceId} on {input.ToDueDate:yyyy-MM-dd} instead of {input.FromDueDate:yyyy-MM-dd}",
        input.Open,
        1,
        CreditRole.CreditManager,
        [
            new ApprovalSection("The request", [
                new ApprovalFact("Invoice", input.InvoiceId),
                new ApprovalFact("Open", input.Open.ToString()),
                new ApprovalFact("Due now", input.FromDueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                new ApprovalFact("Asked for", input.ToDueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                new ApprovalFact("Reason", input.Reason),
                new ApprovalFact("Recorded by", input.RequestedBy),
            ]),
        ],
        "the open amount of the invoice");
}

/// <summary>The outcome of a request to pay later, for <see cref="RecordPaymentExtension"/>.</summary>
public sealed record PaymentExtensionDecision(PaymentExtensionRequest Request, ApprovalDecision Decision);

/// <summary>Activity: books the approver's answer to a request to pay later (<see cref="PaymentExtensions"/>).</summary>
public sealed class RecordPaymentExtension(PaymentExtensions extensions) : TaskActivity<PaymentExtensionDecision, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, PaymentExtensionDecision input) =>
        extensions.DecideAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
}
