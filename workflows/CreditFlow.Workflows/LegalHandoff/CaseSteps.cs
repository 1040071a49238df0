using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage;
using CreditFlow.Storage.Blacklist;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Tasks;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Mail;
using CreditFlow.Workflows.OrderCheck;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.Review;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>
/// What a case's workflow does, each step on what storage says at that moment and safe to repeat: blacklisting, files,
/// tasks, mails, payments and credit notes are all keyed by the case, and what was done is saved with the case under its
/// ETag, so a step repeated after a crash does nothing twice.
/// </summary>
public sealed class CaseSteps(
    CaseStore cases,
    CaseFiles caseFiles,
    CreditStore credit,
    CaseDebts debts,
    LedgerBookings bookings,
    Blacklisting blacklist,
    CustomerReviews reviews,
    CreditTaskStore tasks,
    IWorkflowMail mail,
    ApproverDirectory people,
    CreditPolicies policies,
    IAgencyChannel agencies,
    IOptions<LegalCaseOptions> options,
    DurableTaskClient client,
    ICaseLinks? links = null)
{
    private const int Attempts = 5;

    /// <summary>Looks at the case at <see cref="CaseLook.At"/> and carries out what it asks now.</summary>
    public async Task<CaseStanding> LookAsync(CaseLook look, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(look);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LookOnceAsync(look, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // A person or the agency changed the case meanwhile: look again with it.
            }
        }
    }

    /// <summary>
    /// Books the approver's answer. A decision by a role whose authority does not cover the write-off is not taken: the
    /// approval is asked again of the right tier. An approved write-off is booked on the ledger as a credit note per
    /// invoice and the case closes as written off.
    /// </summary>
    public async Task DecideAsync(CaseDecision input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        for (var attempt = 1; ; attempt++)
        {
            var record = await GetAsync(input.Case.CaseId, cancellationToken);
            var c = record.Case;
            if (c.IsClosed || c.Approval is not { Asked: true } approval || approval.Number != input.Number)
            {
                return; // answered before (a retried step), or overtaken by the case closing
            }

            var decision = input.Decision;
            var approved = decision.Outcome is ApprovalOutcome.Approved or ApprovalOutcome.ApprovedLower;
            LegalCase decided;
            var authority = (await policies.VersionOrInForceAsync(approval.PolicyVersion, cancellationToken)).Authority;
            if (!authority.HasAuthority(decision.DecidedByRole, approval.Approver!.Value))
            {
                decided = (c with { ApprovalsRequested = c.ApprovalsRequested + 1, Approval = approval with { Number = c.ApprovalsRequested + 1, Approver = null, WriteOff = null } })
                    .Log(input.At, $"{LegalCase.Words(approval.Kind)} {(approved ? "approval" : "refusal")} by {decision.DecidedBy} ({LegalCase.Words(decision.DecidedByRole)}) not taken: "
                        + $"writing off {approval.WriteOff} needs the {LegalCase.Words(approval.Approver)} or above; asked again", "credit");
            }
            else
            {
                var owed = await debts.OwedAsync(c, cancellationToken);
                if (approved && approval.Kind == CaseApprovalKind.WriteOff)
                {
                    await WriteOffAsync(c, decision.DecidedAt, cancellationToken);
                }

                decided = c.Decide(approved, decision.DecidedBy, decision.DecidedByRole, decision.Comment, owed.Total, decision.DecidedAt);
            }

            try
            {
                await cases.SaveAsync(record with { Case = decided }, cancellationToken);
                await LogOutcomeAsync(decided, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // Changed meanwhile: decide on the case as it is now.
            }
        }
    }

    private async Task<CaseStanding> LookOnceAsync(CaseLook look, CancellationToken cancellationToken)
    {
        var now = look.At;
        var record = await GetAsync(look.Case.CaseId, cancellationToken);
        if (record.Case.IsClosed)
        {
            await EndApprovalsAsync(record.Case, cancellationToken);
            return new CaseStanding(record.Case.Status.ToString(), true, null, null);
        }

        var (c, progress) = (record.Case, record.Progress);
        DateTimeOffset? retryAt = null;

        // Blacklisted first: from the moment a case exists, no new order of the customer or its group ships on credit.
        if (!progress.Blacklisted)
        {
            c = await BlacklistAsync(c, now, cancellationToken);
            progress = progress with { Blacklisted = true };
        }

        if (progress.CaseFiles.LastOrDefault() != CaseFiles.CurrentName(c))
        {
            var file = await caseFiles.BuildAsync(c, cancellationToken);
            c = c.Log(now, $"case file built: {c.Invoices.Count} invoice(s), reminders sent, payments, promises, disputes, plans, decisions and documents", "credit");
            progress = progress with { CaseFiles = [.. progress.CaseFiles, file] };
        }

        if (c.Status == CaseStatus.AwaitingLegal && !await LegalAskedAsync(c, cancellationToken))
        {
            progress = progress with { LegalAsked = progress.LegalAsked + 1 };
            await AskLegalAsync(c, progress.LegalAsked, now, cancellationToken);
            c = c.Log(now, "legal asked to accept the case and choose litigation, arbitration or an agency", "credit");
        }

        // The agency that has the case is told when it no longer does (a recall); one that returned it knows already.
        if (progress.PlacedWith is { } holder && c.Agency != holder)
        {
            var returned = c.Reports.LastOrDefault(r => r.Agency == holder)?.Kind == AgencyReportKind.ReturnedUnrecovered;
            if (returned || await SendAsync(() => agencies.RecallAsync(holder, new AgencyRecall(c.CaseId, now, RecallReason(c)), cancellationToken)))
            {
                progress = progress with { PlacedWith = null, FailedSends = 0 };
            }
            else
            {
                (progress, retryAt) = Failed(progress, now);
                c = c.Log(now, $"agency {holder} could not be told of the recall; trying again", "credit");
            }
        }

        if (c.Status == CaseStatus.InProgress && c.Route == CaseRoute.Agency && progress.PlacedWith is null && retryAt is null)
        {
            var agency = c.Agency!;
            var placement = await PlacementAsync(c, now, cancellationToken);
            if (await SendAsync(() => agencies.PlaceAsync(agency, placement, cancellationToken)))
            {
                var sent = $"case sent to agency {agency}: {placement.Claimed} over {placement.Invoices.Count} invoice(s)";
                record = await RecordPlacementAsync(record with { Case = c, Progress = progress }, agency, sent, now, cancellationToken);
                (c, progress) = (record.Case, record.Progress);
            }
            else
            {
                (progress, retryAt) = Failed(progress, now);
                c = c.Log(now, $"agency {agency} could not be reached; trying again", "credit");
            }
        }

        c = await BookRecoveriesAsync(c, now, cancellationToken);
        var owed = await debts.OwedAsync(c, cancellationToken);
        if (owed.Total.Amount == 0m)
        {
            c = c.Close(CaseStatus.Recovered, Money.Zero(c.Currency), now, $"recovered: every invoice of the case is paid ({c.Recovered} through the agency, commission {c.Commission})", "credit");
        }
        else if (c.SettlementPaid)
        {
            await WriteOffAsync(c, now, cancellationToken);
            c = c.Close(CaseStatus.Settled, owed.Total, now, $"settled: the agreed {c.Settlement!.Pays} was paid; {owed.Total} written off as bad debt", "credit");
        }
        else if (c.Approval is { Asked: false } waiting)
        {
            var writeOff = waiting.Kind == CaseApprovalKind.Settlement ? Money.Max(owed.Total - waiting.Pays!.Value, Money.Zero(c.Currency)) : owed.Total;
            var policy = await policies.InForceAsync(cancellationToken);
            c = c.AskApproval(writeOff, ApproverFor(writeOff, policy.Authority), policy.Version, now);
        }

        var silentSince = progress.SilenceTaskAt is { } asked && asked > c.LastHeardAt ? asked : c.LastHeardAt;
        if (!c.IsClosed && now >= silentSince + options.Value.SilenceBeforeTask)
        {
            await tasks.AddOnceAsync(
                new CreditTask($"{c.CaseId}|silence-{now:yyyyMMddHHmm}", $"Nothing has happened on legal case {c.CaseId} ({c.CustomerName}) since {silentSince:yyyy-MM-dd}: check where it stands", CreditRole.Legal, c.CustomerId, null, now, now + options.Value.AcceptWithin),
                cancellationToken);
            c = c.Log(now, $"nothing heard since {silentSince:yyyy-MM-dd}: legal asked to check the case", "credit");
            progress = progress with { SilenceTaskAt = now };
            silentSince = now;
        }

        var saved = await cases.SaveAsync(record with { Case = c, Progress = progress }, cancellationToken);
        await LogOutcomeAsync(saved.Case, cancellationToken);
        if (c.IsClosed)
        {
            await EndApprovalsAsync(c, cancellationToken);
            return new CaseStanding(c.Status.ToString(), true, null, null);
        }

        var nextLook = silentSince + options.Value.SilenceBeforeTask;
        var approval = c.Approval is { Asked: true } pending ? new CaseApprovalRequest(pending.Number, ApprovalFor(c, pending, owed.Total)) : null;
        return new CaseStanding(c.Status.ToString(), false, approval, retryAt is { } r && r < nextLook ? r : nextLook);
    }

    /// <summary>
    /// Saves at once that <paramref name="agency"/> has the case, before the look goes on: had a person recalled the case
    /// meanwhile and the look's save then lost to theirs, nothing would remember the agency was told, and it would never
    /// hear of the recall. When the case changed meanwhile, the placement is saved on the case as it is now and the look
    /// starts again from there.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile (after the placement was saved): look again.</exception>
    private async Task<CaseRecord> RecordPlacementAsync(CaseRecord record, string agency, string sent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var saved = await cases.SaveAsync(record with { Case = record.Case.Log(now, sent, "credit"), Progress = record.Progress with { PlacedWith = agency, FailedSends = 0 } }, cancellationToken);
                if (attempt == 1)
                {
                    return saved;
                }

                break;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                record = await GetAsync(record.CaseId, cancellationToken);
            }
        }

        throw new ConcurrencyConflictException("case", record.CaseId, "changed while it was sent to the agency; the placement is saved, the look starts again");
    }

    /// <summary>
    /// Puts the customer on the blacklist and flags its group, whose reviews are asked for. A customer the ERP invoiced but
    /// CreditFlow has no record of (no registration number to list it under) cannot be listed: the credit manager gets a
    /// task to list it once it is on file.
    /// </summary>
    private async Task<LegalCase> BlacklistAsync(LegalCase c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await credit.Customers.GetAsync(c.CustomerId, cancellationToken) is null)
        {
            await tasks.AddOnceAsync(
                new CreditTask($"{c.CaseId}|blacklist", $"Put {c.CustomerName} on the blacklist (legal case {c.CaseId}): it is not on file, so it could not be listed by its registration number", CreditRole.CreditManager, c.CustomerId, null, now, now + options.Value.AcceptWithin),
                cancellationToken);
            return c.Log(now, "customer not on file: not blacklisted; the credit manager is asked to list it", "credit");
        }

        var outcome = await blacklist.BlacklistCustomerAsync(c.CustomerId, $"legal case {c.CaseId}: {c.Reason}", BlacklistSource.LegalCase, c.CaseId, "legal case", now, cancellationToken);
        foreach (var member in outcome.GroupMembersFlagged)
        {
            await reviews.RequestAsync(member, $"a company of its group, {c.CustomerName} ({c.CustomerId}), was blacklisted: legal case {c.CaseId}", cancellationToken);
        }

        var group = outcome.GroupMembersFlagged.Count == 0 ? "no other company of its group is known" : $"group flagged for review: {string.Join(", ", outcome.GroupMembersFlagged)}";
        return c.Log(now, $"customer blacklisted; {group}", "credit");
    }

    /// <summary>
    /// Books each recovery not yet booked as payments on the case's invoices, the oldest due first, each payment keyed by the
    /// agency's report and the invoice; what exceeds the debt is noted, not booked.
    /// </summary>
    private async Task<LegalCase> BookRecoveriesAsync(LegalCase c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var report in c.Reports.Where(r => r.Kind == AgencyReportKind.Recovery && !r.Booked).ToList())
        {
            var left = report.Amount!.Value;
            var (_, invoices) = await debts.OwedAsync(c, cancellationToken);
            var paid = new List<string>();
            foreach (var (invoice, open) in invoices.Where(x => x.Open.Amount > 0m).OrderBy(x => x.Invoice.DueDate).ThenBy(x => x.Invoice.InvoiceId, StringComparer.Ordinal))
            {
                if (left.Amount <= 0m)
                {
                    break;
                }

                var amount = Money.Min(open, left);
                var payment = new ErpPayment($"recovery-{report.Agency}-{report.EventId}-{invoice.InvoiceId}", c.CustomerId, invoice.InvoiceId, null, amount, DateOnly.FromDateTime(report.OccurredAt.UtcDateTime));
                await bookings.PaymentAsync(payment, Hash(payment.PaymentId, amount), cancellationToken);
                paid.Add($"{amount} on {invoice.InvoiceId}");
                left -= amount;
            }

            var excess = left.Amount > 0m ? $"; {left} more than was owed, not booked" : string.Empty;
            c = (c with { Reports = c.Reports.Select(r => r == report ? r with { Booked = true } : r).ToList() })
                .Log(now, $"recovery of {report.Amount} booked as payments: {(paid.Count == 0 ? "nothing was owed" : string.Join(", ", paid))}{excess}", "credit");
        }

        return c;
    }

    /// <summary>Writes off what is owed on each invoice of the case as a credit note keyed by the case and the invoice.</summary>
    private async Task WriteOffAsync(LegalCase c, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (_, invoices) = await debts.OwedAsync(c, cancellationToken);
        foreach (var (invoice, open) in invoices.Where(x => x.Open.Amount > 0m))
        {
            var note = new ErpCreditNote($"write-off-{c.CaseId}-{invoice.InvoiceId}", c.CustomerId, invoice.InvoiceId, open, DateOnly.FromDateTime(at.UtcDateTime));
            await bookings.CreditNoteAsync(note, Hash(note.CreditNoteId, open), cancellationToken);
        }
    }

    /// <summary>Each outcome lands in the decision log once; a write-off carries its bad-debt amount for finance.</summary>
    private async Task LogOutcomeAsync(LegalCase c, CancellationToken cancellationToken)
    {
        if (!c.IsClosed)
        {
            return;
        }

        var what = c.Status switch
        {
            CaseStatus.Recovered => $"legal case {c.CaseId} closed: recovered",
            CaseStatus.Settled => $"legal case {c.CaseId} closed: settled, {c.WrittenOff} written off as bad debt",
            CaseStatus.WrittenOff => $"legal case {c.CaseId} closed: {c.WrittenOff} written off as bad debt",
            _ => $"legal case {c.CaseId} withdrawn",
        };
        var last = c.Timeline[^1];
        var snapshot = JsonSerializer.Serialize(new
        {
            c.CaseId,
            Outcome = c.Status.ToString(),
            Claimed = c.Claimed.ToString(),
            Recovered = c.Recovered.ToString(),
            Commission = c.Commission.ToString(),
            BadDebt = (c.WrittenOff ?? Money.Zero(c.Currency)).ToString(),
            Invoices = c.Invoices.Select(i => i.InvoiceId).ToArray(),
        });
        try
        {
            await credit.Decisions.AppendAsync(new CreditDecision($"case-{c.CaseId}-outcome", c.CustomerId, last.At, last.By, what, last.What, snapshot, null, null), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Logged by an earlier attempt of this step.
        }
    }

    /// <summary>
    /// A case that closed while an approval was out (paid in full, withdrawn) ends that approval too, so its approver is
    /// not reminded of a decision nobody needs any more.
    /// </summary>
    private async Task EndApprovalsAsync(LegalCase c, CancellationToken cancellationToken)
    {
        for (var number = 1; number <= c.ApprovalsRequested; number++)
        {
            var instanceId = CaseIds.Approval(c.CaseId, number);
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is { IsCompleted: false })
            {
                await client.TerminateInstanceAsync(instanceId, $"legal case {c.CaseId} is {LegalCase.Words(c.Status)}", cancellationToken);
            }
        }
    }

    private async Task<bool> LegalAskedAsync(LegalCase c, CancellationToken cancellationToken) =>
        (await tasks.ListAsync(role: CreditRole.Legal, customerId: c.CustomerId, cancellationToken: cancellationToken))
            .Any(t => t.Id.StartsWith($"{c.CaseId}|accept-", StringComparison.Ordinal));

    /// <summary>A task for legal to accept the case, and a mail with the case's page.</summary>
    private async Task AskLegalAsync(LegalCase c, int round, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = now + options.Value.AcceptWithin;
        var again = round > 1 ? " again (it came back from its agency)" : string.Empty;
        await tasks.AddOnceAsync(
            new CreditTask($"{c.CaseId}|accept-{round}", $"Accept legal case {c.CaseId} against {c.CustomerName}{again} ({c.Claimed} claimed: {c.Reason}) and choose litigation, arbitration or an agency", CreditRole.Legal, c.CustomerId, null, now, due),
            cancellationToken);
        var page = links?.Page(c.CaseId);
        var by = due.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var where = page is null ? "/credit/cases" : page.ToString();
        var text = $"Legal case {c.CaseId} against {c.CustomerName} ({c.CustomerId}) waits for you{again}: {c.Claimed} claimed over {c.Invoices.Count} invoice(s). {c.Reason}.\n\n"
            + $"Please accept it by {by} and choose litigation, arbitration or an agency: {where}\nThe case file is linked from the case.";
        var html = $"<p>Legal case <b>{WebUtility.HtmlEncode(c.CaseId)}</b> against {WebUtility.HtmlEncode(c.CustomerName)} ({WebUtility.HtmlEncode(c.CustomerId)}) waits for you{again}: "
            + $"<b>{WebUtility.HtmlEncode(c.Claimed.ToString())}</b> claimed over {c.Invoices.Count} invoice(s). {WebUtility.HtmlEncode(c.Reason)}.</p>"
            + $"<p>Please accept it by <b>{WebUtility.HtmlEncode(by)}</b> and choose litigation, arbitration or an agency. The case file is linked from the case.</p>";
        await mail.SendAsync(
            new WorkflowMail(people.AddressOf(CreditRole.Legal), $"Legal case {c.CaseId} against {c.CustomerName}: accept by {by}", html, text, page is null ? [] : [new WorkflowMailLink("Open the case", page)]),
            $"{c.CaseId}|accept-{round}",
            cancellationToken);
    }

    private async Task<AgencyPlacement> PlacementAsync(LegalCase c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var customer = (await credit.Customers.GetAsync(c.CustomerId, cancellationToken))?.Value;
        var (total, invoices) = await debts.OwedAsync(c, cancellationToken);
        return new AgencyPlacement(
            c.CaseId,
            now,
            new AgencyCustomer(c.CustomerId, c.CustomerName, customer?.RegistrationNumber),
            total,
            invoices.Where(x => x.Open.Amount > 0m).Select(x => new AgencyInvoice(x.Invoice.InvoiceId, x.Invoice.DueDate, x.Open)).ToArray(),
            links?.CaseFile(c.CaseId),
            links?.AgencyEvents);
    }

    /// <summary>
    /// The least tier of the credit policy in force whose authority covers writing off <paramref name="amount"/>; the top
    /// tier for a currency the matrix does not know.
    /// </summary>
    private static CreditRole ApproverFor(Money amount, AuthorityMatrix authority) =>
        amount.Currency == authority.Currency ? authority.TierFor(amount).Role : authority.Top.Role;

    private static ApprovalRequest ApprovalFor(LegalCase c, CaseApproval approval, Money owed)
    {
        var (title, amountNote) = approval.Kind == CaseApprovalKind.Settlement
            ? ($"Settlement of legal case {c.CaseId} with {c.CustomerName}: {approval.Pays} more, {approval.WriteOff} written off", $"written off if approved; the customer pays {approval.Pays} more")
            : ($"Write-off of legal case {c.CaseId} against {c.CustomerName}: {approval.WriteOff}", "written off as bad debt if approved");
        return new ApprovalRequest(
            approval.Kind == CaseApprovalKind.Settlement ? "settlement" : "write-off",
            $"{c.CaseId}-approval-{approval.Number}",
            c.CustomerId,
            c.CustomerName,
            title,
            approval.WriteOff!.Value,
            approval.Number,
            approval.Approver!.Value,
            [
                new ApprovalSection("Case", [
                    new ApprovalFact("Case", c.CaseId),
                    new ApprovalFact("Opened", $"{c.OpenedAt:yyyy-MM-dd} by {c.OpenedBy}: {c.Reason}"),
                    new ApprovalFact("Route", c.Route is { } route ? LegalCase.Words(route) + (c.Agency is { } a ? $" ({a})" : string.Empty) : "not chosen"),
                    new ApprovalFact("Invoices", string.Join(", ", c.Invoices.Select(i => i.InvoiceId))),
                ]),
                new ApprovalSection("Amounts", [
                    new ApprovalFact("Claimed", c.Claimed.ToString()),
                    new ApprovalFact("Recovered through the agency", $"{c.Recovered} (commission {c.Commission})"),
                    new ApprovalFact("Still owed", owed.ToString()),
                    new ApprovalFact("Written off if approved", approval.WriteOff!.Value.ToString()),
                ]),
                new ApprovalSection("Why", [new ApprovalFact(approval.RequestedBy, approval.Reason)]),
            ],
            amountNote);
    }

    private static string RecallReason(LegalCase c) =>
        c.Timeline.LastOrDefault(e => e.What.StartsWith("recalled from agency", StringComparison.Ordinal))?.What ?? (c.IsClosed ? $"case {LegalCase.Words(c.Status)}" : "recalled");

    private (CaseProgress, DateTimeOffset) Failed(CaseProgress progress, DateTimeOffset now)
    {
        var failed = progress.FailedSends + 1;
        var wait = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, options.Value.AgencyRetry.Ticks << Math.Min(failed - 1, 10)));
        return (progress with { FailedSends = failed }, now + wait);
    }

    private static async Task<bool> SendAsync(Func<Task> send)
    {
        try
        {
            await send();
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task<CaseRecord> GetAsync(string caseId, CancellationToken cancellationToken) =>
        await cases.GetAsync(caseId, cancellationToken) ?? throw new InvalidOperationException($"Legal case '{caseId}' was never stored.");

    private static string Hash(string id, Money amount) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id}|{amount.Amount.ToString(CultureInfo.InvariantCulture)}|{amount.Currency}")));
}
