using System.Globalization;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Approvals;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Erp;

/// <summary>
/// The holds worklist as an API: <c>GET /api/holds</c> with filters, and
/// <c>POST /api/holds/{holdId}/decision</c>, which hands a release or rejection to the hold's
/// workflow (it checks the role's authority and logs a refusal). Guarded by the admin key until
/// per-user API keys with roles exist; the decider names themselves and their role in the body.
/// </summary>
internal static class HoldsApi
{
    public static RouteGroupBuilder MapHoldsApi(this IEndpointRouteBuilder app)
    {
        var holds = app.MapGroup("/api/holds").AddEndpointFilter<AdminKeyFilter>().WithTags("Holds");
        holds.MapGet("", ListAsync).WithName("ListHolds").WithSummary("Held orders and shipments, oldest first; filters: status, customer, minAgeHours, approverRole.");
        holds.MapPost("/{holdId}/decision", DecideAsync).WithName("DecideHold").WithSummary("Releases or rejects a hold; the hold refuses a role without authority.");
        return holds;
    }

    public static async Task<Results<Ok<IReadOnlyList<HoldRecord>>, ValidationProblem>> ListAsync(
        HoldRepository holds, TimeProvider clock, string? status, string? customer, string? minAgeHours, string? approverRole, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Query(clock, status, customer, minAgeHours, approverRole, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await holds.ListAsync(query, cancellationToken));
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound<string>, Conflict<string>>> DecideAsync(
        string holdId, HoldDecisionBody body, HoldRepository holds, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var request = body.ToRequest(errors);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var hold = await holds.GetAsync(holdId, cancellationToken);
        if (hold is null)
        {
            return TypedResults.NotFound($"No hold '{holdId}'.");
        }

        if (hold.Status != HoldStatus.Open)
        {
            return TypedResults.Conflict($"Hold '{holdId}' is already {hold.Status.ToString().ToLowerInvariant()}.");
        }

        try
        {
            await client.RaiseEventAsync(holdId, HoldEvents.Decision, request, cancellationToken);
        }
        catch (Exception e) when (e is OrchestrationNotFoundException or OrchestrationStateException)
        {
            return TypedResults.Conflict($"Hold '{holdId}' no longer waits for a decision.");
        }

        return TypedResults.Accepted($"/api/holds?customer={Uri.EscapeDataString(hold.CustomerId)}");
    }

    internal static HoldQuery Query(TimeProvider clock, string? status, string? customer, string? minAgeHours, string? approverRole, Dictionary<string, string[]> errors)
    {
        HoldStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<HoldStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s))
            {
                parsedStatus = s;
            }
            else
            {
                errors["status"] = ["must be open, released or rejected."];
            }
        }

        DateTimeOffset? heldBefore = null;
        if (!string.IsNullOrEmpty(minAgeHours))
        {
            if (decimal.TryParse(minAgeHours, NumberStyles.Number, CultureInfo.InvariantCulture, out var hours) && hours >= 0 && hours < 100_000)
            {
                heldBefore = clock.GetUtcNow() - TimeSpan.FromHours((double)hours);
            }
            else
            {
                errors["minAgeHours"] = ["must be a number of hours, 0 or more."];
            }
        }

        CreditRole? role = null;
        if (!string.IsNullOrEmpty(approverRole))
        {
            if (Enum.TryParse<CreditRole>(approverRole, ignoreCase: true, out var r) && Enum.IsDefined(r))
            {
                role = r;
            }
            else
            {
                errors["approverRole"] = [$"must be one of {string.Join(", ", Enum.GetNames<CreditRole>())}."];
            }
        }

        return new HoldQuery(parsedStatus, string.IsNullOrEmpty(customer) ? null : customer, heldBefore, role);
    }
}

/// <summary>The body of a worklist decision: <c>{"outcome": "release"|"reject", "decidedBy": "…", "role": "CreditManager", "comment": "…"}</c>.</summary>
public sealed record HoldDecisionBody(string? Outcome, string? DecidedBy, string? Role, string? Comment)
{
    internal HoldDecisionRequest? ToRequest(Dictionary<string, string[]> errors)
    {
        ApprovalOutcome? outcome = Outcome?.ToLowerInvariant() switch
        {
            "release" => ApprovalOutcome.Approved,
            "reject" => ApprovalOutcome.Rejected,
            _ => null,
        };
        if (outcome is null)
        {
            errors["outcome"] = ["must be \"release\" or \"reject\"."];
        }

        if (string.IsNullOrWhiteSpace(DecidedBy) || DecidedBy.Length > 200)
        {
            errors["decidedBy"] = ["is required: who decides (1-200 characters)."];
        }

        CreditRole? role = Enum.TryParse<CreditRole>(Role, ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : null;
        if (role is null)
        {
            errors["role"] = [$"must be one of {string.Join(", ", Enum.GetNames<CreditRole>())}."];
        }

        if (Comment is { Length: > 2000 })
        {
            errors["comment"] = ["must be at most 2000 characters."];
        }

        return errors.Count == 0 ? new HoldDecisionRequest(outcome!.Value, DecidedBy!.Trim(), role!.Value, Comment?.Trim() ?? string.Empty) : null;
    }
}
