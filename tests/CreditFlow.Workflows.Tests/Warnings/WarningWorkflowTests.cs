using System.Text.Json.Nodes;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;
using CreditFlow.Storage.Policies;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.Tests.Testing;
using CreditFlow.Workflows.Warnings;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.Tests.Warnings;

/// <summary>
/// Warnings raised by signals, on CreditFlow's engine and real storage, business time moved by the fake clock (from
/// Monday 5 January 2026 09:00 UTC). The shipped rules: a pledge of over half the equity is orange for legal, 30 days
/// overdue yellow for the credit officer with the limit frozen, an ownership change yellow without a freeze; every
/// warning is answered within 24 hours; a reminder gives four more, then the next tier takes over.
/// </summary>
public sealed class WarningWorkflowTests : IAsyncLifetime
{
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowTestHost.StartAsync();
        foreach (var (id, name, controller) in new[] { ("cust-a", "Shenzhen Bright", "Mr Lin"), ("cust-b", "Bright Logistics", "Mr Lin"), ("cust-c", "Harbour Foods", null) })
        {
            await _host.Store.Customers.CreateAsync(new Customer(id, name, "REG-" + id, controller, "retail", _host.Now));
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EquityPledgeOverHalf_OrangeForLegal_Unanswered_RemindedThenEscalatedToTheCreditManager_WhoAnswers()
    {
        var warning = await SignalAsync("pledge-1", "cust-c", SignalKind.EquityPledgedPercent, 62m);

        var raised = await Warning(warning);
        Assert.Equal((WarningLevel.Orange, CreditRole.Legal, _host.Now.AddHours(24)), (raised.Level, raised.Owner, raised.RespondBy));
        var task = Assert.Single(await Tasks.ListAsync(customerId: "cust-c"));
        Assert.Equal((CreditRole.Legal, _host.Now.AddHours(24)), (task.OwnerRole, task.DueAt));
        Assert.StartsWith("Answer the orange warning on Harbour Foods", task.Title, StringComparison.Ordinal);
        Assert.Contains("answer by 6 January 2026 09:00 UTC", Assert.Single(_host.Mail.To(Address(CreditRole.Legal))).Subject, StringComparison.Ordinal);

        // 24 hours pass unanswered: legal is reminded and has four hours more.
        _host.Pass(TimeSpan.FromHours(24));
        await _host.WaitForStatusAsync<WarningOutcome>(warning.InstanceId, s => s.RespondBy == _host.Now.AddHours(4));
        Assert.StartsWith("Reminder: orange warning on Harbour Foods unanswered", (await _host.WaitForMailAsync(Address(CreditRole.Legal), 2))[1].Subject, StringComparison.Ordinal);
        Assert.Empty(await Tasks.ListAsync(role: CreditRole.CreditManager));

        // Four more hours: the credit manager takes it over with the rule's full day.
        _host.Pass(TimeSpan.FromHours(4));
        await _host.WaitForStatusAsync<WarningOutcome>(warning.InstanceId, s => s.RespondBy == _host.Now.AddHours(24));
        var escalated = await Warning(warning);
        Assert.Equal(CreditRole.CreditManager, escalated.Owner);
        Assert.Equal([(CreditRole.Legal, false), (CreditRole.CreditManager, true)], escalated.Chases.Select(c => (c.To, c.Escalated)));
        Assert.Contains(await Tasks.ListAsync(role: CreditRole.CreditManager), t => t.Title.StartsWith("Answer the orange warning on Harbour Foods", StringComparison.Ordinal));
        Assert.Contains(await Decisions("cust-c"), d => d.What == "orange warning escalated to the credit manager");

        // Legal may no longer answer alone; the credit manager does, choosing among the rule's actions.
        var (_, refused) = await Answer(warning, CreditRole.Legal, ResponseAction.LegalInvolvement);
        Assert.Equal(WarningRefusal.NotTheOwner, refused);
        (_, refused) = await Answer(warning, CreditRole.CreditManager, ResponseAction.Litigation);
        Assert.Equal(WarningRefusal.ActionNotProposed, refused);
        _host.Pass(TimeSpan.FromHours(2));
        var (answered, none) = await Answer(warning, CreditRole.CreditManager, ResponseAction.LegalInvolvement, ResponseAction.AssetPreservation);
        Assert.Null(none);

        Assert.Equal("Answered", (await _host.CompletionAsync(warning.InstanceId)).ReadOutputAs<WarningOutcome>()!.Status);
        Assert.Equal(TimeSpan.FromHours(30), answered!.Answer!.At - answered.RaisedAt);
        Assert.DoesNotContain(await Tasks.ListAsync(customerId: "cust-c"), t => t.Title.StartsWith("Answer", StringComparison.Ordinal));
        Assert.Equal(
            ["Review the case and contracts of Harbour Foods and advise on a legal case", "Secure the assets of Harbour Foods before litigation"],
            (await Tasks.ListAsync(role: CreditRole.Legal, customerId: "cust-c")).Select(t => t.Title[..t.Title.IndexOf(" (", StringComparison.Ordinal)]).Order());
        var log = Assert.Single(await Decisions("cust-c"), d => d.What.StartsWith("orange warning answered", StringComparison.Ordinal));
        Assert.Contains("answered in 30 hours; the rule asks within 24 hours", log.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThirtyDaysOverdue_YellowFreezesTheLimitAtOnce_AndTheGroupIsWarnedButNotFrozen()
    {
        var warning = await SignalAsync("overdue-1", "cust-a", SignalKind.DaysOverdue, 31m);

        Assert.Equal((WarningLevel.Yellow, CreditRole.CreditOfficer), ((await Warning(warning)).Level, (await Warning(warning)).Owner));
        Assert.True((await Ledger("cust-a")).Terms.LimitFrozen, "yellow freezes the limit, so the order check holds new orders");
        Assert.Contains(await Decisions("cust-a"), d => d.What == "credit limit frozen: new orders are held");

        var member = new WarningSignal("overdue-1", new CreditSignal("cust-b", SignalKind.DaysOverdue, 31m, _host.Now), "cust-a");
        await _host.WaitForStatusAsync<WarningOutcome>(member.InstanceId, s => s.Status == "AwaitingAnswer");
        var groupWarning = await Warning(member);
        Assert.Equal(("cust-a", WarningLevel.Yellow), (groupWarning.RaisedThrough, groupWarning.Level));
        Assert.Contains("raised on cust-a, a company of the same group", groupWarning.Reason, StringComparison.Ordinal);
        Assert.Single(await Tasks.ListAsync(customerId: "cust-b"));
        Assert.False((await Ledger("cust-b")).Terms.LimitFrozen, "the rest of the group is warned; its owner decides on a freeze");
        Assert.Null(await _host.Client.GetInstanceAsync(WarningIds.For("cust-c", "overdue-1")));
    }

    [Fact]
    public async Task TheSameSignalTwice_OneWarningOneTask_AndASignalNoRuleMatches_RaisesNothing()
    {
        var warning = await SignalAsync("owner-1", "cust-c", SignalKind.OwnershipChange, 1m);
        await Warnings.StartAsync(warning, CancellationToken.None);

        Assert.Single(await _host.Get<WarningStore>().ListAsync(customerId: "cust-c"));
        Assert.Single(await Tasks.ListAsync(customerId: "cust-c"));
        Assert.Single(_host.Mail.To(Address(CreditRole.CreditOfficer)));
        Assert.False((await Ledger("cust-c")).Terms.LimitFrozen, "an ownership change asks for a review and a visit, not a freeze");

        var quiet = new WarningSignal("pledge-low", new CreditSignal("cust-c", SignalKind.EquityPledgedPercent, 20m, _host.Now));
        await Warnings.StartAsync(quiet, CancellationToken.None);
        Assert.Equal("NoWarning", (await _host.CompletionAsync(quiet.InstanceId)).ReadOutputAs<WarningOutcome>()!.Status);
        Assert.Null(await _host.Get<WarningStore>().GetAsync(quiet.InstanceId));
    }

    [Fact]
    public async Task NightlySignals_TwoBrokenPromises_AYellowWarningForTheCreditOfficer_OncePerMonth()
    {
        var today = DateOnly.FromDateTime(_host.Now.UtcDateTime);
        foreach (var id in new[] { "inv-p1", "inv-p2" })
        {
            var booked = DunningRecord.Booked("cust-c", id, today.AddDays(-60), today.AddDays(-30), Money.Of(5_000m, "CNY"));
            await _host.Get<DunningStore>().AddAsync(booked with { Promises = [new PaymentPromise(today.AddDays(-20), today.AddDays(-10))] });
        }

        var handed = await _host.Get<NightlySignals>().MeasureAsync(_host.Now, CancellationToken.None);

        Assert.Equal(1, handed);
        var warning = new WarningSignal($"internal-BrokenPromises-{today:yyyy-MM}", new CreditSignal("cust-c", SignalKind.BrokenPromises, 2m, _host.Now));
        await _host.WaitForStatusAsync<WarningOutcome>(warning.InstanceId, s => s.Status == "AwaitingAnswer");
        var raised = await Warning(warning);
        Assert.Equal((WarningLevel.Yellow, CreditRole.CreditOfficer, "promises to pay broken: 2"), (raised.Level, raised.Owner, raised.Reason));

        _host.Pass(TimeSpan.FromDays(1));
        await _host.Get<NightlySignals>().MeasureAsync(_host.Now, CancellationToken.None);
        Assert.Single(await _host.Get<WarningStore>().ListAsync(customerId: "cust-c"));
    }

    private CreditTaskStore Tasks => _host.Get<CreditTaskStore>();

    private CustomerWarnings Warnings => _host.Get<CustomerWarnings>();

    private string Address(CreditRole role) => _host.Get<ApproverDirectory>().AddressOf(role);

    [Fact]
    public async Task ANewVersionGivingTwelveHours_WarnsNewSignalsUnderIt_AnOpenWarningKeepsItsDay()
    {
        var earlier = await SignalAsync("pledge-v1", "cust-c", SignalKind.EquityPledgedPercent, 62m);
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["warningRules"]!["defaultResponseHours"] = 12;
        var store = _host.Get<PolicyStore>();
        var draft = await store.AddDraftAsync(document.ToJsonString(), DateOnly.FromDateTime(_host.Now.UtcDateTime), "answer within half a day", "test", _host.Now);
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });
        await _host.Get<CreditPolicies>().ReloadAsync();

        var later = await SignalAsync("pledge-v2", "cust-a", SignalKind.EquityPledgedPercent, 70m);

        Assert.Equal((1, _host.Now.AddHours(24)), ((await Warning(earlier)).RulesVersion, (await Warning(earlier)).RespondBy));
        Assert.Equal((draft.Version, _host.Now.AddHours(12)), ((await Warning(later)).RulesVersion, (await Warning(later)).RespondBy));

        // The earlier warning is chased by its own rules: reminded after its day, then the next tier gets a full day, not twelve hours.
        _host.Pass(TimeSpan.FromHours(24));
        await _host.WaitForStatusAsync<WarningOutcome>(earlier.InstanceId, s => s.RespondBy == _host.Now.AddHours(4));
        _host.Pass(TimeSpan.FromHours(4));
        await _host.WaitForStatusAsync<WarningOutcome>(earlier.InstanceId, s => s.RespondBy == _host.Now.AddHours(24));
        Assert.Equal(CreditRole.CreditManager, (await Warning(earlier)).Owner);
    }

    private Task<CustomerLedger> Ledger(string customerId) => _host.Get<CustomerLedgerStore>().ReadAsync(customerId, []);

    private Task<IReadOnlyList<Storage.Profiles.CreditDecision>> Decisions(string customerId) => _host.Store.Decisions.ListForCustomerAsync(customerId);

    private async Task<WarningRecord> Warning(WarningSignal warning) => (await _host.Get<WarningStore>().GetAsync(warning.InstanceId))!;

    private async Task<WarningSignal> SignalAsync(string signalId, string customerId, SignalKind kind, decimal value)
    {
        var warning = new WarningSignal(signalId, new CreditSignal(customerId, kind, value, _host.Now));
        await Warnings.StartAsync(warning, CancellationToken.None);
        await _host.WaitForStatusAsync<WarningOutcome>(warning.InstanceId, s => s.Status == "AwaitingAnswer");
        return warning;
    }

    private Task<(WarningRecord? Answered, WarningRefusal? Refusal)> Answer(WarningSignal warning, CreditRole role, params ResponseAction[] actions) =>
        Warnings.AnswerAsync(warning.InstanceId, actions, "pledge confirmed with the registry; preservation filed", "pat@acme.example", role, _host.Now, CancellationToken.None);
}
