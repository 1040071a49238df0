using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Storage;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Tasks;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Mail;
using CreditFlow.Workflows.OrderCheck;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.Telemetry;
using CreditFlow.Workflows.Warnings;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// One look at an invoice: what the ledger says is paid, where the ladder stands today, and every step
/// reached and not yet taken, taken now. Each action is idempotent (a mail under a key named after the
/// step, a task with an id named after it, the freeze and the warning as decisions with ids named after
/// it), so a look that crashed half-way repeats safely; the steps taken are then recorded under the
/// record's ETag.
/// </summary>
/// <remarks>
/// The payment is read from the ledger at the moment of the look, so a payment booked before it stops
/// every step not yet taken: no reminder goes out after a payment was booked. Of several mails reached
/// in one look (an invoice booked late, or a host that was down), only the last is sent; the earlier
/// ones are recorded as superseded. Mails go out as the customer's letter of the day (<see cref="DunningLetters"/>):
/// every invoice of the customer with a mail step due that day in one mail, sent under a key of customer, day and
/// the invoices listed, so the looks of the other invoices that day find it sent. When the last invoice whose
/// ladder froze the customer's limit is settled, the freeze is lifted (unless a person froze it since) and the
/// customer's held orders check again.
/// </remarks>
public sealed class DunningSteps(
    DunningStore invoices,
    CustomerLedgerStore ledgers,
    CreditTaskStore tasks,
    CreditStore credit,
    DunningContacts contacts,
    IWorkflowMail mail,
    CreditPolicies policies,
    IOptions<DunningOptions> options,
    HoldWakeUps holds,
    CustomerWarnings warnings,
    LegalCases legalCases,
    IPaymentLinks? paymentLinks = null)
{
    private const int Attempts = 5;

    /// <summary>Looks at the invoice at <see cref="DunningLook.At"/> and takes the steps due.</summary>
    /// <exception cref="InvalidOperationException">The invoice was never booked for dunning.</exception>
    public async Task<DunningProgress> LookAsync(DunningLook look, CancellationToken cancellationToken)
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
                // A dispute or promise was recorded meanwhile: look again with it.
            }
        }
    }

    private async Task<DunningProgress> LookOnceAsync(DunningLook look, CancellationToken cancellationToken)
    {
        var (customerId, invoiceId) = (look.Invoice.CustomerId, look.Invoice.InvoiceId);
        var record = await invoices.GetAsync(customerId, invoiceId, cancellationToken)
            ?? throw new InvalidOperationException($"Invoice '{invoiceId}' of customer '{customerId}' was never booked for dunning.");
        var today = DateOnly.FromDateTime(look.At.UtcDateTime);
        var paymentsSeen = record.Payments.Count;
        record = await WithLedgerPaymentsAsync(record, today, cancellationToken);
        var book = await policies.BookWithAsync([record.LadderVersion], cancellationToken);
        var (ladder, ladderVersion) = LadderOf(record, book, today);
        record = record with { LadderVersion = ladderVersion };

        var state = ladder.Evaluate(record.Invoice, NetOfReversals(record.Payments), record.LadderDisputes, record.Promises, today);
        var open = record.Open;
        var reached = state.Schedule.Take(state.Level).Where(s => !record.HasTaken(s.Step.Code)).ToList();
        var lastMail = reached.LastOrDefault(s => s.Step.Actions.Any(a => a.Kind == DunningActionKind.Mail));
        var taken = record.Steps.ToList();

        // Who to write to is read once per look that takes a step, not once per action (three reads each).
        var people = reached.Count > 0 ? await contacts.OfAsync(record.CustomerId, cancellationToken) : default;
        foreach (var step in reached)
        {
            var done = new List<string>();
            foreach (var action in step.Step.Actions)
            {
                done.Add(await TakeAsync(record, step, action, open, people, superseded: action.Kind == DunningActionKind.Mail && step != lastMail ? lastMail!.Step.Code : null, look.At, cancellationToken));
                CreditFlowTelemetry.DunningStepTaken(step.Level, action.Kind.ToString());
            }

            taken.Add(new TakenStep(step.Level, step.Step.Code, step.DueOn!.Value, look.At, done));
        }

        if (state.Status == DunningStatus.Settled)
        {
            await LiftFreezeIfClearAsync(record with { Steps = taken }, book, look.At, cancellationToken);
        }

        var next = state.Status == DunningStatus.Running ? NextStep(state, taken) : state.Next;
        var nextDue = state.Status == DunningStatus.Running ? next?.DueOn : state.NextDueOn;
        var nextLook = nextDue is { } day ? options.Value.StepTimeOn(day) : (DateTimeOffset?)null;
        var ended = state.Status is DunningStatus.Settled or DunningStatus.Completed;
        var standing = new DunningStanding(state.Status.ToString(), state.Level, next?.Step.Code, nextDue, open.Amount, look.At);
        // The receivables summaries read the payments and the steps: a look that adds neither saves only where it stands.
        var looked = record with { Steps = taken, Standing = standing };
        _ = reached.Count == 0 && record.Payments.Count == paymentsSeen
            ? await invoices.SaveStandingAsync(looked, cancellationToken)
            : await invoices.SaveAsync(looked, cancellationToken);
        return new DunningProgress(state.Status.ToString(), state.Level, next?.Step.Code, ended ? null : nextLook, ended);
    }

    /// <summary>
    /// The record with any change of what the ledger says is covered (paid or credited) since the last look added as a
    /// payment: dated the day the latest payment was received, as the ERP said (never after today; several payments
    /// between two looks are one, on the latest's day); a credit note or a reversal (a negative one) is dated today.
    /// </summary>
    private async Task<DunningRecord> WithLedgerPaymentsAsync(DunningRecord record, DateOnly today, CancellationToken cancellationToken)
    {
        var ledger = await ledgers.ReadDocumentsAsync(record.CustomerId, [(ErpDocumentKind.Invoice, record.InvoiceId)], cancellationToken);
        var change = Covered(record, ledger) - record.Paid;
        if (change.Amount == 0m)
        {
            return record;
        }

        // Only a payment received after the last one seen dates the change: a credit note has no day of its own.
        var received = ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, record.InvoiceId)?.LastPaidOn;
        var lastSeen = record.Payments.Count == 0 ? DateOnly.MinValue : record.Payments.Max(p => p.PaidOn);
        var day = change.Amount > 0m && received is { } on && on < today && on > lastSeen ? on : today;
        return record with { Payments = [.. record.Payments, new InvoicePayment(day, change)] };
    }

    /// <summary>
    /// The payments as the ladder reads them: a reversal (a negative change) takes back the latest payments it covers,
    /// so an invoice paid and then bounced is not settled on the day of the payment.
    /// </summary>
    internal static List<InvoicePayment> NetOfReversals(IEnumerable<InvoicePayment> seen)
    {
        var net = new List<InvoicePayment>();
        foreach (var payment in seen)
        {
            if (payment.Amount.Amount >= 0m)
            {
                net.Add(payment);
                continue;
            }

            var reversed = -payment.Amount.Amount;
            while (reversed > 0m && net.Count > 0)
            {
                var last = net[^1];
                var taken = Math.Min(reversed, last.Amount.Amount);
                net[^1] = last with { Amount = last.Amount with { Amount = last.Amount.Amount - taken } };
                if (net[^1].Amount.Amount == 0m)
                {
                    net.RemoveAt(net.Count - 1);
                }

                reversed -= taken;
            }
        }

        return net;
    }

    /// <summary>How much of the invoice the ledger says is settled: its amount less what is open (payments and credit notes).</summary>
    private static Money Covered(DunningRecord record, LedgerDocuments ledger) =>
        ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, record.InvoiceId)?.Invoice is { } booked
            ? Money.Max(record.Amount - booked.Open, Money.Zero(record.Amount.Currency))
            : record.Paid;

    /// <summary>Takes one action of a step; returns what it did, in words.</summary>
    private async Task<string> TakeAsync(
        DunningRecord invoice, ScheduledStep step, DunningAction action, Money open, (string Name, string Contact, string SalesRep) people, string? superseded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (name, contact, salesRep) = people;
        var key = $"{invoice.CustomerId}|{invoice.InvoiceId}|{step.Step.Code}";
        var overdue = DunningLetters.Amount(open) + $" open, due {invoice.DueDate:yyyy-MM-dd}";
        switch (action.Kind)
        {
            case DunningActionKind.Mail when superseded is not null:
                return $"mail {action.Template} not sent: superseded by {superseded}";
            case DunningActionKind.Mail:
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                var lines = await LetterLinesAsync(new LetterLine(invoice.InvoiceId, action.Template!, invoice.DueDate, invoice.Amount, open), invoice.CustomerId, today, cancellationToken);
                var link = paymentLinks?.For(invoice.CustomerId, invoice.InvoiceId, now);
                // Keyed by customer, day and the invoices listed: the other invoices' looks that day compose the same
                // letter and find it sent; an invoice booked later that day makes a new letter rather than go unmentioned.
                var listed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines.Select(l => l.InvoiceId).Order(StringComparer.Ordinal)))))[..32];
                await mail.SendAsync(DunningLetters.Compose(lines, name, contact, link), $"dunning-letter|{invoice.CustomerId}|{today:yyyy-MM-dd}|{listed}", cancellationToken);
                return $"mail {action.Template} sent to {contact} in the letter of {today:yyyy-MM-dd}";
            case DunningActionKind.CallTask when action.Role == CreditRole.SalesRep:
                return await TaskAsync(invoice, key, action.Role.Value, $"Call {name} about invoice {invoice.InvoiceId} ({overdue}) and record what they say", now, cancellationToken);
            case DunningActionKind.CallTask:
                return await TaskAsync(invoice, key, action.Role!.Value, $"Collect invoice {invoice.InvoiceId} of {name} together with sales ({overdue})", now, cancellationToken);
            case DunningActionKind.Warning:
                // The warning's rules pick its level and owner from the days overdue, as for any other signal.
                var signal = new CreditSignal(invoice.CustomerId, SignalKind.DaysOverdue, step.DueOn is { } on ? on.DayNumber - invoice.DueDate.DayNumber : 0, now);
                var raised = new WarningSignal($"dunning-{invoice.InvoiceId}-{step.Step.Code}", signal, FreezeIsDunnings: true, RulesVersion: invoice.LadderVersion);
                await warnings.StartAsync(raised, cancellationToken);
                return $"{action.Level} warning raised ({raised.InstanceId}); copy to {salesRep}";
            case DunningActionKind.LimitFreeze:
                return await FreezeAsync(invoice, step, overdue, cancellationToken);
            case DunningActionKind.SpecialCollection:
                return await TaskAsync(invoice, key, action.Role ?? CreditRole.CreditOfficer,
                    $"Write the special collection plan for {name} (cause, means, owner, dates) for invoice {invoice.InvoiceId} ({overdue}); the credit manager approves it", now, cancellationToken);
            case DunningActionKind.ContractAcceleration:
                await DecideOnceAsync(invoice, $"dunning-{step.Step.Code}-acceleration-{invoice.InvoiceId}", step, "contract acceleration noted: every amount of the customer falls due", $"invoice {invoice.InvoiceId}: {overdue}", cancellationToken);
                return "contract acceleration noted in the decision log";
            case DunningActionKind.LegalHandoff:
                // The case asks legal to take over (a task and a mail), with the case file; the customer is blacklisted.
                var handed = await legalCases.OpenAsync(invoice.CustomerId, invoice.InvoiceId, "dunning", $"invoice {invoice.InvoiceId} ({overdue}) is at red", now, cancellationToken);
                return handed is { } c
                    ? $"handed to legal: case {c.Case.CaseId} {(c.Opened ? "opened" : "joined")}"
                    : "nothing open to hand to legal";
            case DunningActionKind.Litigation:
                return await TaskAsync(invoice, key, action.Role ?? CreditRole.Legal, $"Decide litigation or arbitration against {name}: invoice {invoice.InvoiceId} ({overdue}) is over 180 days overdue", now, cancellationToken);
            default:
                return $"{action.Kind}: no action known";
        }
    }

    /// <summary>
    /// The lines of the customer's letter of <paramref name="day"/>: <paramref name="lead"/> first, then every other open
    /// invoice of the customer with a mail step falling due that day, oldest due first.
    /// </summary>
    private async Task<IReadOnlyList<LetterLine>> LetterLinesAsync(LetterLine lead, string customerId, DateOnly day, CancellationToken cancellationToken)
    {
        var others = new List<DunningRecord>();
        string? continuation = null;
        do
        {
            (var page, continuation) = await invoices.ListAsync(customerId, 1000, continuation, cancellationToken);
            others.AddRange(page.Where(r => r.InvoiceId != lead.InvoiceId && !r.Standing.Ended));
        }
        while (continuation is not null);

        if (others.Count == 0)
        {
            return [lead];
        }

        var ledger = await ledgers.ReadDocumentsAsync(customerId, others.Select(r => (ErpDocumentKind.Invoice, r.InvoiceId)), cancellationToken);
        var book = await policies.BookWithAsync(others.Select(r => r.LadderVersion), cancellationToken);
        var lines = new List<LetterLine>();
        foreach (var other in others)
        {
            var paid = Covered(other, ledger);
            var payments = paid == other.Paid ? other.Payments : [.. other.Payments, new InvoicePayment(day, paid - other.Paid)];
            var state = LadderOf(other, book, day).Ladder.Evaluate(other.Invoice, NetOfReversals(payments), other.LadderDisputes, other.Promises, day);
            var open = Money.Max(other.Amount - paid, Money.Zero(other.Amount.Currency));
            var mailToday = state.Schedule.Take(state.Level)
                .Where(s => s.DueOn == day)
                .SelectMany(s => s.Step.Actions.Where(a => a.Kind == DunningActionKind.Mail))
                .LastOrDefault();
            if (mailToday is not null && state.Status != DunningStatus.Settled)
            {
                lines.Add(new LetterLine(other.InvoiceId, mailToday.Template!, other.DueDate, other.Amount, open));
            }
        }

        return [lead, .. lines.OrderBy(l => l.DueDate).ThenBy(l => l.InvoiceId, StringComparer.Ordinal)];
    }

    private async Task<string> TaskAsync(DunningRecord invoice, string key, CreditRole role, string title, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = $"{key}|{role}";
        var stored = await tasks.AddOnceAsync(new CreditTask(id, title, role, invoice.CustomerId, invoice.InvoiceId, now, now + options.Value.TaskDeadline), cancellationToken);
        return $"task for {role}: {stored.Id}";
    }

    private async Task<string> FreezeAsync(DunningRecord invoice, ScheduledStep step, string overdue, CancellationToken cancellationToken)
    {
        var ledger = await ledgers.ReadAsync(invoice.CustomerId, [], cancellationToken);
        if (ledger.Terms.LimitFrozen)
        {
            return "limit already frozen";
        }

        try
        {
            await ledgers.SetTermsAsync(invoice.CustomerId, ledger.Terms with { LimitFrozen = true }, Decision(invoice, $"dunning-{step.Step.Code}-freeze-{invoice.InvoiceId}", step, "credit limit frozen: new orders are held", $"invoice {invoice.InvoiceId}: {overdue}"), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // This step's freeze decision is logged already: an earlier attempt froze the limit.
        }

        return "credit limit frozen";
    }

    /// <summary>
    /// Lifts the limit freeze once <paramref name="settled"/> was the last open invoice whose ladder froze it, unless
    /// the latest freeze decision is a person's or a warning's (order terms set by hand stay theirs to change, and a warning's
    /// freeze stays until a person lifts it); then the customer's
    /// holds check again.
    /// </summary>
    private async Task LiftFreezeIfClearAsync(DunningRecord settled, CreditPolicyBook book, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        bool Froze(DunningRecord record) => LadderOf(record, book, today).Ladder.Froze(record.Steps.Select(s => s.Code));
        if (!Froze(settled))
        {
            return;
        }

        string? continuation = null;
        do
        {
            (var page, continuation) = await invoices.ListAsync(settled.CustomerId, 1000, continuation, cancellationToken);
            book = await policies.BookWithAsync(page.Select(r => r.LadderVersion), cancellationToken);
            if (page.Any(r => r.InvoiceId != settled.InvoiceId && !r.Standing.Ended && Froze(r)))
            {
                return;
            }
        }
        while (continuation is not null);

        var ledger = await ledgers.ReadAsync(settled.CustomerId, [], cancellationToken);
        var latest = (await credit.Decisions.ListForCustomerAsync(settled.CustomerId, 200, cancellationToken))
            .Where(d => d.Id.StartsWith("order-terms-", StringComparison.Ordinal)
                || (d.Id.StartsWith("dunning-", StringComparison.Ordinal) && d.Id.Contains("freeze", StringComparison.Ordinal))
                || (d.Id.StartsWith("warning-", StringComparison.Ordinal) && d.Id.EndsWith("-freeze", StringComparison.Ordinal)))
            .MaxBy(d => d.DecidedAt);
        if (!ledger.Terms.LimitFrozen || latest is null || !latest.Id.StartsWith("dunning-", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await ledgers.SetTermsAsync(
                settled.CustomerId,
                ledger.Terms with { LimitFrozen = false },
                new CreditDecision(
                    $"dunning-unfreeze-{settled.InvoiceId}", settled.CustomerId, now, "dunning", "credit limit freeze lifted",
                    $"invoice {settled.InvoiceId} is settled and no other open invoice's dunning froze the limit",
                    JsonSerializer.Serialize(new { settled.InvoiceId }), null, null),
                cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Lifted by an earlier attempt of this look.
        }

        await holds.PaymentReceivedAsync(settled.CustomerId, cancellationToken);
    }

    /// <summary>
    /// The step a running ladder waits for: the first from the level reached that was not taken yet (a step taken before an
    /// extension moved the due date is not taken again), else the ladder's own next.
    /// </summary>
    internal static ScheduledStep? NextStep(DunningState state, IReadOnlyCollection<TakenStep> taken) =>
        state.Schedule.Skip(state.Level).FirstOrDefault(s => s.DueOn is not null && taken.All(t => t.Code != s.Step.Code)) ?? state.Next;

    /// <summary>
    /// The ladder an invoice is dunned by and its policy version: the one fixed at its first look; at the first look the
    /// version in force; an invoice first looked at before ladders were versioned keeps version 1's.
    /// </summary>
    internal static (DunningLadder Ladder, int Version) LadderOf(DunningRecord record, CreditPolicyBook book, DateOnly today)
    {
        var version = record.LadderVersion
            ?? (record.Standing.LookedAt is null ? book.InEffectOn(today).Version : CreditPolicy.Default.Version);

        // A version this process cannot read (read again first: BookWithAsync) is logged where the book is read; the shipped
        // ladder then stands in rather than stopping the invoice's dunning.
        return (book.VersionOrShipped(version).Ladder, version);
    }

    private async Task DecideOnceAsync(DunningRecord invoice, string id, ScheduledStep step, string what, string why, CancellationToken cancellationToken)
    {
        try
        {
            await credit.Decisions.AppendAsync(Decision(invoice, id, step, what, why), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Logged by an earlier attempt of this look.
        }
    }

    /// <summary>A decision dated on the step's own day and time, so every attempt writes the same row.</summary>
    private CreditDecision Decision(DunningRecord invoice, string id, ScheduledStep step, string what, string why) => new(
        id,
        invoice.CustomerId,
        options.Value.StepTimeOn(step.DueOn!.Value),
        "dunning",
        what,
        $"{step.Step.Code} step of the dunning ladder: {why}",
        JsonSerializer.Serialize(new { invoice.InvoiceId, step.Step.Code, step.DueOn }),
        null,
        null);
}
