using System.Text.Json;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Policies;
using CreditFlow.Storage;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Policies;
using CreditFlow.Workflows.Dunning;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Policies;

/// <summary>
/// A new version of the credit policy from draft to force: drafted (checked whole, problems at their JSON paths,
/// nothing stored when any), simulated on the orders and applications of past days, put to the committee (<see cref="PolicyApprovalWorkflow"/>),
/// and approved or rejected; an approved version is in force from its first day, or from the day of approval when
/// that is later.
/// </summary>
public sealed class PolicyDrafts(
    PolicyStore store,
    CreditPolicies policies,
    CustomerLedgerStore ledgers,
    CreditStore credit,
    DunningStore dunning,
    DurableTaskClient client,
    IOptions<PolicyOptions> options,
    TimeProvider clock)
{
    /// <summary>JSON of a kept simulation.</summary>
    public static JsonSerializerOptions Json => ErpJson.Options;

    /// <summary>Version 1 as a record: the shipped defaults, approved since always.</summary>
    public static PolicyVersionRecord Shipped { get; } = new(
        CreditPolicy.Default.Version, PolicyStatus.Approved, CreditPolicy.Default.EffectiveFrom, CreditPolicy.Default.Json,
        "The defaults CreditFlow ships with.", "CreditFlow", DateTimeOffset.MinValue);

    /// <summary>Every version, newest first, version 1 last.</summary>
    public async Task<IReadOnlyList<PolicyVersionRecord>> VersionsAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListAsync(cancellationToken)).Select(Whole), Shipped];

    /// <summary>One version, null when never drafted.</summary>
    public async Task<PolicyVersionRecord?> VersionAsync(int version, CancellationToken cancellationToken = default) =>
        version == Shipped.Version ? Shipped : version < 1 ? null : await StoredAsync(version, cancellationToken);

    /// <summary>The version in force today, as this process knows it.</summary>
    public async Task<CreditPolicy> InForceAsync(CancellationToken cancellationToken = default) =>
        await policies.InForceAsync(cancellationToken);

    /// <summary>Checks and stores a draft; on any problem stores nothing and returns them all.</summary>
    /// <param name="json">The policy document.</param>
    /// <param name="effectiveFrom">Its first day in force; not before today.</param>
    /// <param name="note">Why it is proposed.</param>
    /// <param name="draftedBy">Who drafts it.</param>
    public async Task<PolicyDraftResult> DraftAsync(string json, DateOnly effectiveFrom, string note, string draftedBy, CancellationToken cancellationToken = default)
    {
        var problems = new List<ConfigurationProblem>(CreditPolicy.Problems(json ?? ""));
        var today = policies.Today;
        if (effectiveFrom < today)
        {
            problems.Add(new ConfigurationProblem("effectiveFrom", $"{effectiveFrom:yyyy-MM-dd} is before today ({today:yyyy-MM-dd}): a version takes effect from today at the earliest"));
        }

        if (problems.Count > 0)
        {
            return new PolicyDraftResult(null, problems);
        }

        var draft = await store.AddDraftAsync(json!, effectiveFrom, note?.Trim() ?? "", draftedBy, clock.GetUtcNow(), cancellationToken);
        return new PolicyDraftResult(draft, []);
    }

    /// <summary>
    /// Decides the orders checked and assesses the applications scored over the last <paramref name="days"/> days again
    /// under draft <paramref name="version"/>, sets every open invoice on its dunning ladder beside its own, and keeps the
    /// outcome with it. Null when there is no such draft.
    /// </summary>
    public async Task<PolicySimulation?> SimulateAsync(int version, int? days, CancellationToken cancellationToken = default)
    {
        var record = await StoredAsync(version, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var span = days ?? options.Value.SimulationDays;
        var since = policies.Today.AddDays(-span + 1);
        var draft = CreditPolicy.Parse(record.Json, record.Version, record.EffectiveFrom);
        var checkedOrders = (await ledgers.OrdersCheckedSinceAsync(since, cancellationToken))
            .Select(CheckedOrderFacts.Read)
            .OfType<CheckedOrder>();
        var impact = PolicyImpact.Replay(checkedOrders, draft);
        var scorings = (await credit.Decisions.ListForApplicationsSinceAsync(since, cancellationToken)).Where(ScoringSnapshot.IsScoring).ToArray();
        var scored = scorings.Select(ScoringSnapshot.Read).OfType<ScoredApplication>().ToArray();
        var applications = ApplicationImpact.Replay(scored, draft);
        var book = await policies.BookAsync(cancellationToken);
        var today = policies.Today;
        var open = (await dunning.ListInDunningAsync(cancellationToken))
            .Select(r =>
            {
                var (ladder, ladderVersion) = DunningSteps.LadderOf(r, book, today);
                return new DunnedInvoice(r.Invoice, DunningSteps.NetOfReversals(r.Payments), r.LadderDisputes.ToArray(), r.Promises, ladder, ladderVersion);
            });
        var invoices = InvoiceImpact.Replay(open, draft, today);
        var simulation = PolicySimulation.Of(
            version, span, since, clock.GetUtcNow(), impact, applications, scorings.Length - scored.Length, invoices, options.Value.SimulationListed);
        if (record.Status == PolicyStatus.Draft)
        {
            await store.SaveAsync(record with { ImpactJson = JsonSerializer.Serialize(simulation, Json) }, cancellationToken);
        }

        return simulation;
    }

    /// <summary>The simulation kept with a version, if any.</summary>
    public static PolicySimulation? KeptSimulation(PolicyVersionRecord record) =>
        record?.ImpactJson is { Length: > 0 } json ? JsonSerializer.Deserialize<PolicySimulation>(json, Json) : null;

    /// <summary>
    /// Puts a draft to the committee: marks it in approval and starts its approval. False when it is not a draft
    /// (already with the committee, or decided). A version marked in approval whose approval never started (the
    /// process stopped in between) is started by submitting it again.
    /// </summary>
    public async Task<bool> SubmitAsync(int version, string submittedBy, CancellationToken cancellationToken = default)
    {
        var record = await StoredAsync(version, cancellationToken);
        var stranded = record is { Status: PolicyStatus.InApproval }
            && await client.GetInstanceAsync(PolicyApprovalRequest.InstanceIdOf(version), cancellationToken) is null;
        if (record is null || (record.Status != PolicyStatus.Draft && !stranded))
        {
            return false;
        }

        var inForce = await policies.InForceAsync(cancellationToken);
        var changes = PolicyChanges.Between(inForce.Json, record.Json);
        var request = new PolicyApprovalRequest(
            record.Version,
            record.EffectiveFrom,
            record.Note,
            record.DraftedBy,
            submittedBy,
            inForce.Version,
            changes.Select(c => c.ToString()).ToArray(),
            KeptSimulation(record)?.Summary(),
            options.Value.Currency) { ChangedValues = changes };

        // Marked before the start: the version's own instance id makes the start happen once, and the committee answers
        // only through it, so a version stays in approval until the workflow books its answer.
        if (!stranded)
        {
            await store.SaveAsync(record with { Status = PolicyStatus.InApproval }, cancellationToken);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(PolicyApprovalWorkflow), request, new StartOrchestrationOptions { InstanceId = request.InstanceId }, cancellationToken);
        return true;
    }

    /// <summary>
    /// Takes a draft back before it goes to the committee: it stays on record as withdrawn, by whom and why, and can no
    /// longer be submitted (a simulation of it is no longer kept). Returns it withdrawn; null when it is not a draft
    /// (with the committee or decided).
    /// </summary>
    public async Task<PolicyVersionRecord?> WithdrawAsync(int version, string withdrawnBy, string reason, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await store.GetAsync(version, cancellationToken);
            if (record is not { Status: PolicyStatus.Draft })
            {
                return null;
            }

            try
            {
                return Whole(await store.SaveAsync(
                    record with { Status = PolicyStatus.Withdrawn, DecidedBy = withdrawnBy, DecidedAt = clock.GetUtcNow(), DecisionComment = reason.Trim() },
                    cancellationToken));
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // A simulation kept its outcome meanwhile, or the draft was submitted: look again.
            }
        }
    }

    /// <summary>Books the committee's answer: approved (in force from its day, or today when that has passed) or rejected.</summary>
    public async Task<bool> DecideAsync(PolicyDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var record = await StoredAsync(decision.Request.Version, cancellationToken);
        if (record is not { Status: PolicyStatus.InApproval })
        {
            return false;
        }

        var answer = decision.Decision;
        var approved = answer.Outcome is ApprovalOutcome.Approved or ApprovalOutcome.ApprovedLower;
        var decidedOn = DateOnly.FromDateTime(answer.DecidedAt.UtcDateTime);
        await store.SaveAsync(
            record with
            {
                Status = approved ? PolicyStatus.Approved : PolicyStatus.Rejected,
                EffectiveFrom = approved && record.EffectiveFrom < decidedOn ? decidedOn : record.EffectiveFrom,
                DecidedBy = answer.DecidedBy,
                DecidedAt = answer.DecidedAt,
                DecisionComment = answer.Comment,
            },
            cancellationToken);
        if (approved)
        {
            await policies.ReloadAsync(cancellationToken);
        }

        return true;
    }

    // A version drafted before sections were added to the policy is read with them (the shipped ones), so it is
    // shown, compared, simulated and put to the committee as a whole document.
    private async Task<PolicyVersionRecord?> StoredAsync(int version, CancellationToken cancellationToken) =>
        await store.GetAsync(version, cancellationToken) is { } record ? Whole(record) : null;

    private static PolicyVersionRecord Whole(PolicyVersionRecord record) => record with { Json = CreditPolicy.Whole(record.Json) };

}

/// <summary>A draft stored, or every problem that kept it out.</summary>
public sealed record PolicyDraftResult(PolicyVersionRecord? Draft, IReadOnlyList<ConfigurationProblem> Problems);
