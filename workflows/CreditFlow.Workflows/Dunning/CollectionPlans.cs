using System.Text.Json;
using CreditFlow.Domain.Authority;
using CreditFlow.Storage;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Tasks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// Special collection plans: recorded pending on the invoice and sent to the credit manager's approval
/// (<see cref="CollectionPlanWorkflow"/>); the outcome is recorded on the invoice and in the decision log, and an
/// approved plan completes the plan-writing task the special collection step created.
/// </summary>
public sealed class CollectionPlans(DunningStore invoices, CreditTaskStore tasks, CreditStore credit, DurableTaskClient client, TimeProvider clock)
{
    private const int Attempts = 5;

    /// <summary>Why a plan was not sent to approval.</summary>
    public enum Refusal
    {
        /// <summary>No such invoice.</summary>
        UnknownInvoice,

        /// <summary>Another plan waits for approval.</summary>
        AlreadyPending,

        /// <summary>Nothing is open.</summary>
        NothingOpen,
    }

    /// <summary>Records the plan pending and starts its approval; returns the record, or why not.</summary>
    /// <exception cref="ConcurrencyConflictException">The invoice kept changing while the plan was recorded.</exception>
    public async Task<(DunningRecord? Record, Refusal? Refused)> SubmitAsync(
        string invoiceId, string cause, string means, string owner, IReadOnlyList<PlanMilestone> milestones, string submittedBy, DateOnly today, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await invoices.FindAsync(invoiceId, cancellationToken) is not { } record)
            {
                return (null, Refusal.UnknownInvoice);
            }

            if (record.Plans.Any(p => p.Outcome == PaymentExtension.Pending))
            {
                return (record, Refusal.AlreadyPending);
            }

            if (record.Standing.Ended)
            {
                return (record, Refusal.NothingOpen);
            }

            var plan = new CollectionPlan(Guid.NewGuid().ToString("N")[..12], today, cause, means, owner, milestones.OrderBy(m => m.On).ToArray(), submittedBy);
            DunningRecord saved;
            try
            {
                saved = await invoices.SaveAsync(record with { Plans = [.. record.Plans, plan] }, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                continue;
            }

            var name = (await credit.Customers.GetAsync(record.CustomerId, cancellationToken))?.Value.Name ?? record.CustomerId;
            var request = new CollectionPlanRequest(record.CustomerId, name, record.InvoiceId, record.Open, plan);
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(CollectionPlanWorkflow), request, new StartOrchestrationOptions { InstanceId = request.InstanceId }, cancellationToken);
            return (saved, null);
        }
    }

    /// <summary>Books the approver's answer once; true when approved.</summary>
    public async Task<bool> DecideAsync(CollectionPlanDecision decided, CancellationToken cancellationToken)
    {
        var (request, decision) = (decided.Request, decided.Decision);
        var approved = decision.Outcome == ApprovalOutcome.Approved;
        for (var attempt = 1; ; attempt++)
        {
            var record = await invoices.GetAsync(request.CustomerId, request.InvoiceId, cancellationToken)
                ?? throw new InvalidOperationException($"Invoice '{request.InvoiceId}' has no dunning record.");
            if (record.Plans.FirstOrDefault(p => p.PlanId == request.Plan.PlanId) is not { Outcome: PaymentExtension.Pending } plan)
            {
                break; // booked by an earlier attempt
            }

            var decidedPlan = plan with { Outcome = approved ? "Approved" : "Rejected", DecidedBy = decision.DecidedBy, Comment = decision.Comment };
            try
            {
                await invoices.SaveAsync(record with { Plans = record.Plans.Select(p => p.PlanId == plan.PlanId ? decidedPlan : p).ToArray() }, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
            }
        }

        try
        {
            await credit.Decisions.AppendAsync(
                new CreditDecision(
                    $"plan-{request.Plan.PlanId}", request.CustomerId, decision.DecidedAt, decision.DecidedBy,
                    $"special collection plan {(approved ? "approved" : "rejected")} for invoice {request.InvoiceId}: {request.Plan.Means} (owner {request.Plan.Owner})",
                    string.IsNullOrWhiteSpace(decision.Comment) ? request.Plan.Cause : decision.Comment,
                    JsonSerializer.Serialize(new { request.InvoiceId, request.Plan, decision.DecidedByRole }),
                    null,
                    null),
                cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Logged by an earlier attempt.
        }

        if (approved)
        {
            foreach (var task in await tasks.ListAsync(customerId: request.CustomerId, cancellationToken: cancellationToken))
            {
                if (task.InvoiceId == request.InvoiceId && task.Id.Contains("|special-collection|", StringComparison.Ordinal))
                {
                    try
                    {
                        await tasks.CompleteAsync(task, $"plan approved by {decision.DecidedBy}: {request.Plan.Means}", decision.DecidedBy, clock.GetUtcNow(), cancellationToken);
                    }
                    catch (ConcurrencyConflictException)
                    {
                        // Completed meanwhile.
                    }
                }
            }
        }

        return approved;
    }
}
