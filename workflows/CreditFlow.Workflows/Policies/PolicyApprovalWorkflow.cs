using System.Globalization;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Roles;
using CreditFlow.Workflows.Approvals;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Policies;

/// <summary>A drafted policy version as its approval carries it to the committee.</summary>
/// <param name="Version">The draft.</param>
/// <param name="EffectiveFrom">The first day it is meant to be in force.</param>
/// <param name="Note">Why it is proposed.</param>
/// <param name="DraftedBy">Who drafted it.</param>
/// <param name="SubmittedBy">Who put it to the committee.</param>
/// <param name="Replaces">The version in force when it was submitted.</param>
/// <param name="Changes">What it changes against that version, one line per value (<see cref="ChangedValues"/> apart).</param>
/// <param name="Impact">The simulation's outcome in a line, when one was run.</param>
/// <param name="Currency">The company's currency, for the approval's (zero) amount.</param>
public sealed record PolicyApprovalRequest(
    int Version,
    DateOnly EffectiveFrom,
    string Note,
    string DraftedBy,
    string SubmittedBy,
    int Replaces,
    IReadOnlyList<string> Changes,
    string? Impact,
    string Currency)
{
    /// <summary>
    /// What it changes, value by value, which the committee reads as a table; null in requests made before they were
    /// kept, whose approval lists <see cref="Changes"/> as lines.
    /// </summary>
    public IReadOnlyList<PolicyChange>? ChangedValues { get; init; }

    /// <summary>The workflow's instance id, one per version.</summary>
    public string InstanceId => InstanceIdOf(Version);

    /// <summary>The approval workflow's instance id for <paramref name="version"/>.</summary>
    public static string InstanceIdOf(int version) => $"policy|{version.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A new version of the credit policy before the credit committee: asked through <see cref="ApprovalWorkflow"/> (mail with
/// links, reminders), then <see cref="RecordPolicyDecision"/> books the answer, which puts an approved version in force.
/// </summary>
public sealed class PolicyApprovalWorkflow : TaskOrchestrator<PolicyApprovalRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, PolicyApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var decision = await context.CallSubOrchestratorAsync<ApprovalDecision>(
            nameof(ApprovalWorkflow), ApprovalRequestFor(input), new SubOrchestrationOptions { InstanceId = input.InstanceId + "|approval" });
        await context.CallActivityAsync(nameof(RecordPolicyDecision), new PolicyDecision(input, decision), StepRetries.Default);
        return decision.Outcome is ApprovalOutcome.Approved or ApprovalOutcome.ApprovedLower ? "Approved" : "Rejected";
    }

    private static ApprovalRequest ApprovalRequestFor(PolicyApprovalRequest input)
    {
        var version = input.Version.ToString(CultureInfo.InvariantCulture);
        var facts = new List<ApprovalFact>
        {
            new("Version", $"{version}, replacing version {input.Replaces.ToString(CultureInfo.InvariantCulture)}"),
            new("In force from", input.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " (or the day of approval, when later)"),
            new("Why", input.Note.Length > 0 ? input.Note : "(no reason given)"),
            new("Drafted by", input.DraftedBy),
            new("Submitted by", input.SubmittedBy),
        };
        var impact = new ApprovalFact("Impact (simulation)", input.Impact ?? "not simulated");
        var none = new ApprovalFact("Changes", "none: the draft is the version in force");
        var changed = input.ChangedValues is { } values
            ? new ApprovalSection("What it changes", values.Count > 0 ? [impact] : [none, impact])
            {
                Changes = values.Select(c => new ApprovalChange(PolicyPaths.InWords(c.Path), c.Path, c.From, c.To)).ToArray(),
            }
            : new ApprovalSection("What it changes", [.. input.Changes.Count > 0 ? input.Changes.Select(c => new ApprovalFact("Changes", c)) : [none], impact]);
        return new ApprovalRequest(
            "credit policy",
            $"policy-{version}",
            ApprovalRequest.NoCustomer,
            "Credit policy",
            $"Credit policy version {version}",
            Money.Zero(new Currency(input.Currency)),
            1,
            CreditRole.CreditCommittee,
            [new ApprovalSection("The version", facts), changed],
            "a policy has no amount: approve or reject");
    }
}

/// <summary>The committee's answer to a policy version, for <see cref="RecordPolicyDecision"/>.</summary>
public sealed record PolicyDecision(PolicyApprovalRequest Request, ApprovalDecision Decision);

/// <summary>Activity: books the committee's answer to a policy version (<see cref="PolicyDrafts"/>).</summary>
public sealed class RecordPolicyDecision(PolicyDrafts drafts) : TaskActivity<PolicyDecision, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, PolicyDecision input) =>
        drafts.DecideAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
}
