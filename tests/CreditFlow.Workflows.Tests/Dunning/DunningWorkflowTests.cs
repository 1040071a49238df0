using System.Text.Json.Nodes;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Policies;
using CreditFlow.Storage.Policies;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Dunning;
using CreditFlow.Workflows.OrderCheck;
using CreditFlow.Workflows.Tests.Testing;
using CreditFlow.Workflows.Warnings;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.Tests.Dunning;

/// <summary>
/// One invoice followed by <see cref="DunningWorkflow"/> on CreditFlow's engine and real storage, business time moved
/// by the fake clock. The invoice: 10,000.00 CNY issued Monday 5 January 2026 on 30 days, so due 4 February;
/// the shipped ladder then falls on 20 January (confirmation, half the term), 1 February (reminder), 4 February
/// (notice), 5 February (sales call), 6 March (yellow), 5 April (special collection), 5 May (red) and 4 August (litigation).
/// </summary>
public sealed class DunningWorkflowTests : IAsyncLifetime
{
    private const string Mailbox = "receivables@acme.example";
    private static readonly Money TenThousand = new(10_000m, new Currency("CNY"));
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkflowTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Dunning:CreditMailbox"] = Mailbox });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheLadder_EndToEnd_MailsTasksFreezeAndLegal_ThenEnds()
    {
        var invoice = await BookAsync("inv-ladder");

        await PassToAsync(invoice, new DateOnly(2026, 1, 20), level: 1);
        Assert.Contains("Please confirm the payment of invoice inv-ladder", Assert.Single(_host.Mail.To(Mailbox)).Subject);

        await PassToAsync(invoice, new DateOnly(2026, 2, 1), level: 2);
        await PassToAsync(invoice, new DateOnly(2026, 2, 4), level: 3);
        Assert.Equal(
            ["Please confirm the payment of invoice inv-ladder (10,000.00 CNY, due 4 February 2026)", "Payment reminder: invoice inv-ladder, 10,000.00 CNY due on 4 February 2026", "Payment due today: invoice inv-ladder, 10,000.00 CNY"],
            _host.Mail.To(Mailbox).Select(m => m.Subject));

        await PassToAsync(invoice, new DateOnly(2026, 2, 5), level: 4);
        var call = Assert.Single(await Tasks.ListAsync());
        Assert.Equal(CreditRole.SalesRep, call.OwnerRole);
        Assert.StartsWith("Call cust-1 about invoice inv-ladder", call.Title);
        Assert.Equal(_host.Now.AddDays(1), call.DueAt);

        Assert.False((await Ledger()).Terms.LimitFrozen);
        await PassToAsync(invoice, new DateOnly(2026, 3, 6), level: 5);
        Assert.True((await Ledger()).Terms.LimitFrozen, "yellow freezes the limit, so the order check holds new orders");
        var yellow = WarningIds.For("cust-1", "dunning-inv-ladder-yellow");
        await _host.WaitForStatusAsync<WarningOutcome>(yellow, s => s.Status == "AwaitingAnswer");
        Assert.Equal(WarningLevel.Yellow, (await _host.Get<WarningStore>().GetAsync(yellow))!.Level);
        Assert.Contains(await _host.Store.Decisions.ListForCustomerAsync("cust-1"), d => d.What == "yellow warning raised: overdue 30 days without explanation");
        Assert.Contains(await Tasks.ListAsync(role: CreditRole.CreditOfficer), t => t.Title.StartsWith("Collect invoice inv-ladder", StringComparison.Ordinal));

        await PassToAsync(invoice, new DateOnly(2026, 5, 5), level: 7);
        // Red hands the invoice to legal as a case, which asks legal to accept it.
        Assert.Equal("cust-1-inv-ladder", await _host.Get<CaseStore>().OpenCaseOfAsync("cust-1"));
        await _host.WaitForStatusAsync<CaseStanding>(CaseIds.For("cust-1-inv-ladder"), s => s.Status == nameof(CaseStatus.AwaitingLegal));
        Assert.Contains(await Tasks.ListAsync(role: CreditRole.Legal), t => t.Id == "cust-1-inv-ladder|accept-1" && t.Title.StartsWith("Accept legal case", StringComparison.Ordinal));
        Assert.Contains(await Tasks.ListAsync(role: CreditRole.CreditManager), t => t.Title.StartsWith("Write the special collection plan", StringComparison.Ordinal));

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 8, 4, 1, 0, 0, TimeSpan.Zero));
        var done = await _host.CompletionAsync(invoice.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Completed", done.ReadOutputAs<DunningProgress>()!.Status);
        var record = await Record(invoice);
        Assert.Equal(["payment-confirmation", "reminder", "payment-notice", "sales-call", "yellow", "special-collection", "red", "litigation"], record.Steps.Select(s => s.Code));
        Assert.Equal(3, _host.Mail.To(Mailbox).Count);
    }

    [Fact]
    public async Task ANewLadderVersion_DunsTheInvoicesFirstLookedAtUnderIt_TheOthersKeepTheirs()
    {
        var before = await BookAsync("inv-ladder-v1");
        await PassToAsync(before, new DateOnly(2026, 1, 20), level: 1);

        // Version 2 from 20 January: the reminder five days before the due date instead of three.
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["dunningLadder"]!["steps"]![0]!["daysFromDue"] = -5;
        var store = _host.Get<PolicyStore>();
        var draft = await store.AddDraftAsync(document.ToJsonString(), new DateOnly(2026, 1, 20), "remind earlier", "test", _host.Now);
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });
        await _host.Get<CreditPolicies>().ReloadAsync();
        var after = await BookAsync("inv-ladder-v2"); // issued 20 January, due 19 February

        await PassToAsync(before, new DateOnly(2026, 2, 1), level: 2);
        await PassToAsync(after, new DateOnly(2026, 2, 14), level: 2);

        var (old, young) = (await Record(before), await Record(after));
        Assert.Equal((1, new DateOnly(2026, 2, 1)), (old.LadderVersion, old.Steps.Single(s => s.Code == "reminder").DueOn));
        Assert.Equal((draft.Version, new DateOnly(2026, 2, 14)), (young.LadderVersion, young.Steps.Single(s => s.Code == "reminder").DueOn));
    }

    [Fact]
    public async Task AnInvoiceOnVersion1sLadder_RaisesItsYellowWarningByVersion1sRules_AfterAVersionMovedBothTo35Days()
    {
        var invoice = await BookAsync("inv-rules-v1");
        await PassToAsync(invoice, new DateOnly(2026, 1, 20), level: 1);
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["dunningLadder"]!["steps"]![4]!["daysFromDue"] = 35;
        document["warningRules"]!["rules"]![0]!["atLeast"] = 35;
        var store = _host.Get<PolicyStore>();
        var draft = await store.AddDraftAsync(document.ToJsonString(), new DateOnly(2026, 1, 20), "yellow later", "test", _host.Now);
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });
        await _host.Get<CreditPolicies>().ReloadAsync();

        // Thirty days overdue: its own ladder's yellow step; version 2's rules alone would raise nothing before 35 days.
        await PassToAsync(invoice, new DateOnly(2026, 3, 6), level: 5);
        var yellow = WarningIds.For("cust-1", "dunning-inv-rules-v1-yellow");
        await _host.WaitForStatusAsync<WarningOutcome>(yellow, s => s.Status == "AwaitingAnswer");

        var warning = (await _host.Get<WarningStore>().GetAsync(yellow))!;
        Assert.Equal((WarningLevel.Yellow, 1, "overdue 30 days without explanation"), (warning.Level, warning.RulesVersion, warning.Rule));
    }

    [Fact]
    public async Task PaidTheDayBeforeTheReminder_NoReminderAndTheWorkflowEnds()
    {
        var invoice = await BookAsync("inv-paid");
        await PassToAsync(invoice, new DateOnly(2026, 1, 20), level: 1);
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 31, 15, 0, 0, TimeSpan.Zero));

        await PayAsync("pay-1", "inv-paid", TenThousand);
        var done = await _host.CompletionAsync(invoice.InstanceId);

        Assert.Equal("Settled", done.ReadOutputAs<DunningProgress>()!.Status);
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 10, 1, 0, 0, TimeSpan.Zero));
        Assert.Single(_host.Mail.To(Mailbox)); // the confirmation only
        Assert.Equal("Settled", (await Record(invoice)).Standing.Status);
    }

    [Fact]
    public async Task PartialPayment_TheLadderGoesOnForWhatIsOpen()
    {
        var invoice = await BookAsync("inv-part");
        await PassToAsync(invoice, new DateOnly(2026, 1, 20), level: 1);

        await PayAsync("pay-part", "inv-part", new Money(4_000m, TenThousand.Currency));
        await PassToAsync(invoice, new DateOnly(2026, 2, 1), level: 2);

        Assert.Equal("Payment reminder: invoice inv-part, 6,000.00 CNY due on 4 February 2026", _host.Mail.To(Mailbox)[^1].Subject);
        Assert.Equal(6_000m, (await Record(invoice)).Standing.Open);
    }

    [Fact]
    public async Task Dispute_PausesTheLadder_AndItResumesLaterByTheDaysItWasOpen()
    {
        var invoice = await BookAsync("inv-dispute");
        await PassToAsync(invoice, new DateOnly(2026, 1, 30), level: 1);
        await ChangeAsync(invoice, r => r with { Disputes = [new RecordedDispute(new DateOnly(2026, 1, 30), "goods damaged", "officer")] });
        await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Status == "PausedByDispute");

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 9, 9, 0, 0, TimeSpan.Zero));
        Assert.Single(_host.Mail.To(Mailbox)); // no reminder, no notice while disputed

        await ChangeAsync(invoice, r => r with { Disputes = [r.Disputes[0] with { ClosedOn = new DateOnly(2026, 2, 9), Resolution = "credit note promised" }] });
        var resumed = await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Status == "Running");

        // The reminder was due 1 February, two days into the dispute's ten: it falls ten days later.
        Assert.Equal(new DateTimeOffset(2026, 2, 11, 1, 0, 0, TimeSpan.Zero), resumed.NextLookAt);
        await PassToAsync(invoice, new DateOnly(2026, 2, 11), level: 2);
        Assert.StartsWith("Payment reminder", _host.Mail.To(Mailbox)[^1].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromiseKept_NoNoticeWhileItRuns_ThenSettled()
    {
        var invoice = await BookAsync("inv-kept");
        await PassToAsync(invoice, new DateOnly(2026, 2, 1), level: 2);
        await ChangeAsync(invoice, r => r with { Promises = [new PaymentPromise(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 10))] });
        var waiting = await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Status == "AwaitingPromise");
        Assert.Equal(new DateTimeOffset(2026, 2, 11, 1, 0, 0, TimeSpan.Zero), waiting.NextLookAt);

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 9, 10, 0, 0, TimeSpan.Zero));
        await PayAsync("pay-kept", "inv-kept", TenThousand);

        Assert.Equal("Settled", (await _host.CompletionAsync(invoice.InstanceId)).ReadOutputAs<DunningProgress>()!.Status);
        Assert.Equal(2, _host.Mail.To(Mailbox).Count); // confirmation and reminder; the notice of 4 February waited for the promise
    }

    [Fact]
    public async Task PromiseBroken_TheDayAfterIt_ThePostponedStepsAndTheNextOneFallDueAtOnce()
    {
        var invoice = await BookAsync("inv-broken");
        await PassToAsync(invoice, new DateOnly(2026, 2, 1), level: 2);
        await ChangeAsync(invoice, r => r with { Promises = [new PaymentPromise(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 10))] });
        await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Status == "AwaitingPromise");

        await PassToAsync(invoice, new DateOnly(2026, 2, 11), level: 5);

        // The notice (4 Feb) and the sales call (5 Feb) waited for the promise; broken, they fall due on 11 February and
        // so does the next step, yellow, pulled forward from 6 March: the limit is frozen three weeks early.
        var record = await Record(invoice);
        Assert.Equal(["payment-confirmation", "reminder", "payment-notice", "sales-call", "yellow"], record.Steps.Select(s => s.Code));
        Assert.All(record.Steps.Skip(2), s => Assert.Equal(new DateOnly(2026, 2, 11), s.DueOn));
        Assert.True((await Ledger()).Terms.LimitFrozen);
    }

    [Fact]
    public async Task TheInvoiceThatFrozeTheLimitIsPaid_TheFreezeIsLifted_UnlessAnotherFrozeItToo()
    {
        var first = await BookAsync("inv-froze-1");
        var second = await BookAsync("inv-froze-2");
        await PassToAsync(first, new DateOnly(2026, 3, 6), level: 5);
        await _host.WaitForStatusAsync<DunningProgress>(second.InstanceId, p => p.Level >= 5);
        Assert.True((await Ledger()).Terms.LimitFrozen);

        await PayAsync("pay-froze-1", "inv-froze-1", TenThousand);
        await _host.CompletionAsync(first.InstanceId);
        Assert.True((await Ledger()).Terms.LimitFrozen, "the second invoice's yellow still holds the freeze");

        await PayAsync("pay-froze-2", "inv-froze-2", TenThousand);
        await _host.CompletionAsync(second.InstanceId);
        Assert.False((await Ledger()).Terms.LimitFrozen);
        Assert.Contains(await _host.Store.Decisions.ListForCustomerAsync("cust-1"), d => d.What == "credit limit freeze lifted" && d.Why.StartsWith("invoice inv-froze-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtensionApprovedByTheCreditManager_MovesTheDueDate_TheNoticeFollowsIt()
    {
        var invoice = await BookAsync("inv-later");
        await PassToAsync(invoice, new DateOnly(2026, 2, 1), level: 2);

        var (record, refused) = await _host.Get<PaymentExtensions>().RequestAsync("inv-later", new DateOnly(2026, 3, 1), "seasonal cash shortfall", "Wang Li (sales)", new DateOnly(2026, 2, 1), CancellationToken.None);
        Assert.Null(refused);
        Assert.Equal(PaymentExtension.Pending, record!.PendingExtension!.Outcome);
        var again = await _host.Get<PaymentExtensions>().RequestAsync("inv-later", new DateOnly(2026, 3, 5), "again", "Wang Li (sales)", new DateOnly(2026, 2, 1), CancellationToken.None);
        Assert.Equal(PaymentExtensions.Refusal.AlreadyPending, again.Refused);

        var request = new PaymentExtensionRequest("cust-1", "cust-1", "inv-later", record.PendingExtension.RequestId, default, default, TenThousand, string.Empty, string.Empty);
        var approval = request.InstanceId + "|approval";
        var pending = await _host.WaitForStatusAsync<PendingApproval>(approval, p => p.Role == CreditRole.CreditManager);
        await _host.Client.RaiseEventAsync(approval, ApprovalEvents.Decision, new ApprovalDecision(pending.Step, ApprovalOutcome.Approved, null, "one month, once", pending.ApproverEmail, pending.Role, _host.Now));
        Assert.Equal("Approved", (await _host.CompletionAsync(request.InstanceId)).ReadOutputAs<string>());

        var moved = await Record(invoice);
        Assert.Equal(new DateOnly(2026, 3, 1), moved.DueDate);
        Assert.Equal("Approved", Assert.Single(moved.Extensions).Outcome);
        Assert.Equal(new DateOnly(2026, 3, 1), (await Ledger()).Exposure!.OpenInvoices.Single(i => i.InvoiceId == "inv-later").DueDate);
        Assert.Contains(await _host.Store.Decisions.ListForCustomerAsync("cust-1"), d => d.What.StartsWith("payment extension approved: invoice inv-later due 2026-03-01", StringComparison.Ordinal));

        // The notice of 4 February is now due on 1 March.
        var waiting = await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.NextStep == "payment-notice" && p.NextLookAt?.Month == 3);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero), waiting.NextLookAt);
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 10, 1, 0, 0, TimeSpan.Zero));
        await PassToAsync(invoice, new DateOnly(2026, 3, 1), level: 3);
        Assert.Equal("Payment due today: invoice inv-later, 10,000.00 CNY", _host.Mail.To(Mailbox)[^1].Subject);
    }

    [Fact]
    public async Task CollectionPlanApproved_RecordedLoggedAndThePlanTaskCompleted()
    {
        var invoice = await BookAsync("inv-plan");
        await PassToAsync(invoice, new DateOnly(2026, 4, 5), level: 6);
        var planTask = Assert.Single(await Tasks.ListAsync(role: CreditRole.CreditManager), t => t.InvoiceId == "inv-plan");

        var (record, refused) = await _host.Get<CollectionPlans>().SubmitAsync(
            "inv-plan", "cash tied up in a delayed project", "three instalments, the last secured by a bank guarantee", "Chen Jing (credit officer)",
            [new PlanMilestone(new DateOnly(2026, 4, 20), "first instalment 40%"), new PlanMilestone(new DateOnly(2026, 5, 20), "rest, guaranteed")],
            "Chen Jing (credit officer)", new DateOnly(2026, 4, 5), CancellationToken.None);
        Assert.Null(refused);
        var request = new CollectionPlanRequest("cust-1", "cust-1", "inv-plan", TenThousand, record!.Plans.Single());
        var approval = request.InstanceId + "|approval";
        var pending = await _host.WaitForStatusAsync<PendingApproval>(approval, p => p.Role == CreditRole.CreditManager);
        await _host.Client.RaiseEventAsync(approval, ApprovalEvents.Decision, new ApprovalDecision(pending.Step, ApprovalOutcome.Approved, null, "agreed with finance", pending.ApproverEmail, pending.Role, _host.Now));

        Assert.Equal("Approved", (await _host.CompletionAsync(request.InstanceId)).ReadOutputAs<string>());
        var plan = Assert.Single((await Record(invoice)).Plans);
        Assert.Equal("Approved", plan.Outcome);
        Assert.Equal("agreed with finance", plan.Comment);
        var done = Assert.Single(await Tasks.ListAsync(completed: true), t => t.Id == planTask.Id);
        Assert.StartsWith("plan approved by", done.Outcome, StringComparison.Ordinal);
        Assert.Contains(await _host.Store.Decisions.ListForCustomerAsync("cust-1"), d => d.What.StartsWith("special collection plan approved for invoice inv-plan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SalesCallLeftOpenPastItsDeadline_TheCreditManagerIsToldOnce()
    {
        var invoice = await BookAsync("inv-late-call");
        await PassToAsync(invoice, new DateOnly(2026, 2, 5), level: 4);
        var escalations = _host.Get<CreditFlow.Workflows.Tasks.TaskEscalations>();
        Assert.Equal(0, await escalations.EscalateAsync(_host.Now.AddHours(23), CancellationToken.None)); // still within its day

        var late = _host.Now.AddDays(2);
        Assert.Equal(1, await escalations.EscalateAsync(late, CancellationToken.None));
        Assert.Equal(0, await escalations.EscalateAsync(late.AddHours(1), CancellationToken.None));

        var told = Assert.Single(_host.Mail.To("credit-manager@creditflow.local"));
        Assert.StartsWith("Overdue task (SalesRep): Call cust-1 about invoice inv-late-call", told.Subject, StringComparison.Ordinal);
        Assert.Contains("1 day(s) overdue", told.TextBody, StringComparison.Ordinal);
        Assert.Equal(late, Assert.Single(await Tasks.ListAsync(role: CreditRole.SalesRep), t => t.InvoiceId == "inv-late-call").EscalatedAt);
    }

    [Fact]
    public async Task CreditNoteForPartThenPaymentOfTheRest_Settled()
    {
        var invoice = await BookAsync("inv-credit");
        await PassToAsync(invoice, new DateOnly(2026, 1, 20), level: 1);

        await Bookings.CreditNoteAsync(new ErpCreditNote("cn-1", "cust-1", "inv-credit", new Money(3_000m, TenThousand.Currency), DateOnly.FromDateTime(_host.Now.UtcDateTime)), "hash-cn-1", CancellationToken.None);
        await PassToAsync(invoice, new DateOnly(2026, 2, 1), level: 2);
        Assert.Equal("Payment reminder: invoice inv-credit, 7,000.00 CNY due on 4 February 2026", _host.Mail.To(Mailbox)[^1].Subject);

        await PayAsync("pay-rest", "inv-credit", new Money(7_000m, TenThousand.Currency));
        Assert.Equal("Settled", (await _host.CompletionAsync(invoice.InstanceId)).ReadOutputAs<DunningProgress>()!.Status);
    }

    [Fact]
    public async Task PaymentReversedAfterItEndedDunning_DunningResumesWhereItWas()
    {
        var invoice = await BookAsync("inv-bounced");
        await PassToAsync(invoice, new DateOnly(2026, 2, 1), level: 2);
        await PayAsync("pay-bounced", "inv-bounced", TenThousand);
        await _host.CompletionAsync(invoice.InstanceId);

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 3, 10, 0, 0, TimeSpan.Zero));
        var reversed = await Bookings.PaymentReversalAsync(new ErpPaymentReversal("rev-1", "cust-1", "pay-bounced", "inv-bounced", TenThousand, new DateOnly(2026, 2, 3)), "hash-rev-1", CancellationToken.None);
        Assert.Equal(ErpAnswerOutcome.Answered, reversed.Outcome);
        await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Status == "Running" && p.NextStep == "payment-notice");

        await PassToAsync(invoice, new DateOnly(2026, 2, 4), level: 3);
        // The look of 1 February reached the confirmation and the reminder at once: only the reminder went out.
        Assert.Equal(["Payment reminder: invoice inv-bounced, 10,000.00 CNY due on 4 February 2026", "Payment due today: invoice inv-bounced, 10,000.00 CNY"],
            _host.Mail.To(Mailbox).Select(m => m.Subject));
        Assert.Equal(10_000m, (await Ledger()).Exposure!.Amounts.OpenReceivables.Amount);
    }

    [Fact]
    public async Task TheErpSendsTheInvoiceTwice_OneWorkflowOneMailPerStep()
    {
        var invoice = await BookAsync("inv-twice");
        await BookAsync("inv-twice");
        await PassToAsync(invoice, new DateOnly(2026, 1, 20), level: 1);

        Assert.Single(_host.Mail.To(Mailbox));
        var instances = new List<string>();
        await foreach (var instance in _host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "dunning|cust-1|inv-twice" }))
        {
            instances.Add(instance.InstanceId);
        }

        Assert.Equal([invoice.InstanceId], instances);
    }

    [Fact]
    public async Task ThreeInvoicesOfOneCustomerDueTheSameDay_OneMailListingThemAll_TheLeadingOneFirst()
    {
        var a = await BookAsync("inv-a");
        var b = await BookAsync("inv-b", new Money(2_500.50m, TenThousand.Currency));
        var c = await BookAsync("inv-c", new Money(730m, TenThousand.Currency));

        await PassToAsync(a, new DateOnly(2026, 1, 20), level: 1);
        await _host.WaitForStatusAsync<DunningProgress>(b.InstanceId, p => p.Level >= 1);
        await _host.WaitForStatusAsync<DunningProgress>(c.InstanceId, p => p.Level >= 1);

        var letter = Assert.Single(_host.Mail.To(Mailbox));
        Assert.EndsWith("and 2 more invoices", letter.Subject, StringComparison.Ordinal);
        var listed = new[] { "inv-a", "inv-b", "inv-c" }.Select(id => letter.TextBody.IndexOf("  " + id + "  ", StringComparison.Ordinal)).ToArray();
        Assert.All(listed, at => Assert.True(at >= 0));
        Assert.Contains("2,500.50 CNY open", letter.TextBody, StringComparison.Ordinal);
        Assert.Contains("730.00 CNY open", letter.TextBody, StringComparison.Ordinal);
    }

    private LedgerBookings Bookings => _host.Get<LedgerBookings>();

    private CreditTaskStore Tasks => _host.Get<CreditTaskStore>();

    private Task<CustomerLedger> Ledger() => _host.Get<CustomerLedgerStore>().ReadAsync("cust-1", []);

    private async Task<DunningRecord> Record(DunningInput invoice) => (await _host.Get<DunningStore>().GetAsync(invoice.CustomerId, invoice.InvoiceId))!;

    private async Task<DunningInput> BookAsync(string invoiceId, Money? amount = null)
    {
        var issued = DateOnly.FromDateTime(_host.Now.UtcDateTime);
        var answer = await _host.Get<LedgerBookings>().InvoiceAsync(new ErpInvoice(invoiceId, "cust-1", null, amount ?? TenThousand, issued, issued.AddDays(30)), "hash-" + invoiceId, CancellationToken.None);
        Assert.Equal(ErpAnswerOutcome.Answered, answer.Outcome);
        var input = new DunningInput("cust-1", invoiceId);
        await _host.WaitForStatusAsync<DunningProgress>(input.InstanceId, p => p.Status == "Running");
        return input;
    }

    private async Task PayAsync(string paymentId, string invoiceId, Money amount)
    {
        var answer = await _host.Get<LedgerBookings>().PaymentAsync(
            new ErpPayment(paymentId, "cust-1", invoiceId, null, amount, DateOnly.FromDateTime(_host.Now.UtcDateTime)), "hash-" + paymentId, CancellationToken.None);
        Assert.Equal(ErpAnswerOutcome.Answered, answer.Outcome);
    }

    /// <summary>What the dispute and promise endpoints do: change the record under its ETag, then wake the workflow.</summary>
    private async Task ChangeAsync(DunningInput invoice, Func<DunningRecord, DunningRecord> change)
    {
        await _host.Get<DunningStore>().SaveAsync(change(await Record(invoice)));
        await _host.Get<InvoiceDunning>().InvoiceChangedAsync(invoice.CustomerId, invoice.InvoiceId, CancellationToken.None);
    }

    /// <summary>Moves business time to 01:00 UTC on <paramref name="day"/> (when steps are taken) and waits until the invoice reached <paramref name="level"/>.</summary>
    private async Task PassToAsync(DunningInput invoice, DateOnly day, int level)
    {
        _host.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
        await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Level >= level);
    }
}
