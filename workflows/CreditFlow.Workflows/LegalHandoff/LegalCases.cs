using CreditFlow.Domain.Authority;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Tasks;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Policies;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>
/// Legal handoff as the rest of CreditFlow calls it: dunning at red (or a credit manager) opens a case, people and the
/// agency change it, and each change wakes the case's workflow. A change the case cannot take where it stands is refused
/// with <see cref="CaseActionRefusedException"/> and nothing is stored.
/// </summary>
public sealed class LegalCases(
    CaseStore cases,
    CreditStore credit,
    DunningStore invoices,
    CustomerLedgerStore ledgers,
    CreditTaskStore tasks,
    CreditPolicies policies,
    IAgencyChannel agencies,
    DurableTaskClient client)
{
    private const int Attempts = 5;

    /// <summary>
    /// Opens a case on every open invoice of the customer (contract acceleration makes them all due) and starts its
    /// workflow; when the customer has an open case, <paramref name="invoiceId"/> joins it instead. The case id is derived
    /// from <paramref name="invoiceId"/> (dunning) or the time (by hand), so a repeated call opens one case.
    /// </summary>
    /// <returns>The customer's open case and whether this call opened it; null when nothing is owed (no case to open).</returns>
    public async Task<(LegalCase Case, bool Opened)?> OpenAsync(string customerId, string? invoiceId, string openedBy, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var open = await OpenInvoicesAsync(customerId, cancellationToken);
        if (open.Count == 0)
        {
            return null;
        }

        // A case is in one currency: the red invoice's (or, by hand, the oldest's). Invoices in another go on with dunning.
        var currency = (open.FirstOrDefault(i => i.InvoiceId == invoiceId) ?? open[0]).OpenWhenAdded.Currency;
        open = open.Where(i => i.OpenWhenAdded.Currency == currency).ToList();

        var name = (await credit.Customers.GetAsync(customerId, cancellationToken))?.Value.Name ?? customerId;
        var caseId = invoiceId is null ? $"{customerId}-{at:yyyyMMddHHmmss}" : $"{customerId}-{invoiceId}";
        var candidate = LegalCase.Open(caseId, customerId, name, open, openedBy, reason, at);
        var joining = invoiceId is null ? null : open.FirstOrDefault(i => i.InvoiceId == invoiceId);
        var (stored, opened) = await cases.OpenOrJoinAsync(candidate, joining, openedBy, cancellationToken);
        var input = new CaseInput(stored.CaseId, customerId);
        if (opened)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(LegalCaseWorkflow), input, new StartOrchestrationOptions(input.InstanceId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()), cancellationToken);
            }
            catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
            {
                // Started by an earlier attempt of the same call.
            }
        }
        else
        {
            await WakeAsync(input, cancellationToken);
        }

        return (stored.Case, opened);
    }

    /// <summary>Legal accepts the case and chooses its route (an agency by its configured name); legal's task to accept is done.</summary>
    public async Task<LegalCase> AcceptAsync(string caseId, CaseRoute route, string? agency, string by, string comment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (route == CaseRoute.Agency && (agency is null || !agencies.Knows(agency)))
        {
            throw new CaseActionRefusedException($"agency: '{agency}' is not a configured agency (configured: {string.Join(", ", agencies.Agencies)})");
        }

        var accepted = await ChangeAsync(caseId, c => c.Accept(route, agency, by, comment, at), cancellationToken);
        foreach (var task in await tasks.ListAsync(role: CreditRole.Legal, customerId: accepted.CustomerId, cancellationToken: cancellationToken))
        {
            if (task.Id.StartsWith($"{caseId}|accept-", StringComparison.Ordinal))
            {
                try
                {
                    await tasks.CompleteAsync(task, $"accepted: {LegalCase.Words(route)}{(agency is null ? string.Empty : $" with {agency}")}", by, at, cancellationToken);
                }
                catch (ConcurrencyConflictException)
                {
                    // Completed meanwhile.
                }
            }
        }

        return accepted;
    }

    /// <summary>Takes the case back from its agency.</summary>
    public Task<LegalCase> RecallAsync(string caseId, string by, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, c => c.Recall(by, reason, at), cancellationToken);

    /// <summary>Proposes to write off what is still owed; the tier whose authority covers it is asked.</summary>
    public Task<LegalCase> ProposeWriteOffAsync(string caseId, string by, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, c => c.ProposeWriteOff(by, reason, at), cancellationToken);

    /// <summary>Withdraws the case: it ends without a write-off (the blacklisting stays until the committee lifts it).</summary>
    public Task<LegalCase> WithdrawAsync(string caseId, string by, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, c => c.Close(CaseStatus.Withdrawn, Money.Zero(c.Currency), at, $"withdrawn — {reason}", by), cancellationToken);

    /// <summary>
    /// An agency's report. Refused unless the case is with that agency; the same report again changes nothing; the same
    /// event id with another content is refused (<see cref="ReportAddition.IdReused"/>).
    /// </summary>
    public async Task<(LegalCase Case, ReportAddition Outcome)> ReportAsync(string caseId, AgencyReport report, string contentSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        for (var attempt = 1; ; attempt++)
        {
            var record = await cases.GetAsync(caseId, cancellationToken) ?? throw new KeyNotFoundException($"caseId: no legal case '{caseId}'.");
            var applied = record.Case.Report(report, agencies.CommissionPercent(report.Agency));
            var outcome = await cases.AddReportOnceAsync(report.Agency, report.EventId, caseId, contentSha256, cancellationToken);
            if (outcome == ReportAddition.IdReused || ReferenceEquals(applied, record.Case))
            {
                return (record.Case, outcome == ReportAddition.IdReused ? outcome : ReportAddition.AlreadyStored);
            }

            try
            {
                var saved = await cases.SaveAsync(record with { Case = applied }, cancellationToken);
                await WakeAsync(new CaseInput(caseId, saved.Case.CustomerId), cancellationToken);
                return (saved.Case, ReportAddition.Added);
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // The case moved meanwhile: apply the report to it as it is now.
            }
        }
    }

    /// <summary>
    /// A staff member decides the case's waiting settlement or write-off on the page or the API, as the approver of the
    /// mail would: refused when the case waits for no decision, and by a role whose authority does not cover the amount
    /// (<see cref="WhoDecides"/>).
    /// </summary>
    public async Task<LegalCase> DecideAsync(string caseId, bool approve, string comment, string by, CreditRole role, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var record = await cases.GetAsync(caseId, cancellationToken) ?? throw new KeyNotFoundException($"caseId: no legal case '{caseId}'.");
        if (record.Case.Approval is not { Asked: true } approval)
        {
            throw new CaseActionRefusedException($"case {caseId} waits for no settlement or write-off decision");
        }

        var authority = (await policies.VersionOrInForceAsync(approval.PolicyVersion, cancellationToken)).Authority;
        if (!authority.HasAuthority(role, approval.Approver!.Value))
        {
            throw new CaseDecisionAboveAuthorityException($"writing off {approval.WriteOff} needs {WhoDecides(approval, authority)}; a {LegalCase.Words(role)} may not decide it. Nothing was decided.");
        }

        // The workflow starts the approval right after asking for it; a decision a moment before that has nowhere to go yet.
        if (await client.GetInstanceAsync(CaseIds.Approval(caseId, approval.Number), cancellationToken) is not { IsCompleted: false })
        {
            throw new CaseActionRefusedException($"case {caseId}'s {LegalCase.Words(approval.Kind)} approval is not open for decisions yet; try again in a moment");
        }

        var decision = new ApprovalDecision($"{approval.Number}.staff-{role}", approve ? Domain.Authority.ApprovalOutcome.Approved : Domain.Authority.ApprovalOutcome.Rejected, null, comment, by, role, at);
        await client.RaiseEventAsync(CaseIds.Approval(caseId, approval.Number), ApprovalEvents.Decision, decision, cancellationToken);
        return record.Case;
    }

    /// <summary>Who may decide <paramref name="approval"/> under <paramref name="authority"/>, lowest first: "credit manager or credit committee".</summary>
    public static string WhoDecides(CaseApproval approval, AuthorityMatrix authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(approval);
        var roles = authority.RolesWithAuthority(authority.TierAtLeast(approval.Approver ?? authority.Top.Role)).Select(r => LegalCase.Words(r)).ToArray();
        return roles.Length == 1 ? "the " + roles[0] : "the " + string.Join(", ", roles[..^1]) + " or " + roles[^1];
    }

    /// <summary>True when <paramref name="role"/> may decide <paramref name="approval"/> under <paramref name="authority"/>.</summary>
    public static bool MayDecide(CreditRole role, CaseApproval approval, AuthorityMatrix authority) =>
        approval is { Approver: { } approver } && authority?.HasAuthority(role, approver) == true;

    private async Task<LegalCase> ChangeAsync(string caseId, Func<LegalCase, LegalCase> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await cases.GetAsync(caseId, cancellationToken) ?? throw new KeyNotFoundException($"caseId: no legal case '{caseId}'.");
            var changed = step(record.Case);
            try
            {
                var saved = await cases.SaveAsync(record with { Case = changed }, cancellationToken);
                await WakeAsync(new CaseInput(caseId, saved.Case.CustomerId), cancellationToken);
                return saved.Case;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // The workflow or another person changed it meanwhile: take the step on the case as it is now.
            }
        }
    }

    private async Task WakeAsync(CaseInput input, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(input.InstanceId, CaseIds.Changed, null, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // The workflow has ended (the case closed); the change is stored all the same.
        }
    }

    /// <summary>The customer's invoices with something open on the ledger, oldest due first.</summary>
    private async Task<List<CaseInvoice>> OpenInvoicesAsync(string customerId, CancellationToken cancellationToken)
    {
        var records = new List<DunningRecord>();
        string? continuation = null;
        do
        {
            (var page, continuation) = await invoices.ListAsync(customerId, 1000, continuation, cancellationToken);
            records.AddRange(page);
        }
        while (continuation is not null);

        var ledger = await ledgers.ReadDocumentsAsync(customerId, records.Select(r => (ErpDocumentKind.Invoice, r.InvoiceId)), cancellationToken);
        return records
            .Select(r => new CaseInvoice(r.InvoiceId, r.DueDate, ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, r.InvoiceId)?.Invoice?.Open ?? r.Open))
            .Where(i => i.OpenWhenAdded.Amount > 0m)
            .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceId, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>The staff member's role has no authority for the case's write-off; the message says who has.</summary>
public sealed class CaseDecisionAboveAuthorityException(string message) : InvalidOperationException(message);
