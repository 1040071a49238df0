using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>
/// A held order's workflow starts after the answer; a process that dies between the answer and
/// the start leaves the hold on the worklist as not started, and the sweep of any process starts it.
/// </summary>
/// <remarks>
/// The crash is played by a second <see cref="OrderCheckService"/> whose <see cref="HoldStarter"/>
/// never runs (as if its process died right after answering): it writes what a real request writes.
/// </remarks>
[Collection(ErpCollection.Name)]
public sealed class HoldStartTests(ErpHost erp)
{
    [Fact]
    public async Task HeldOrder_WorkflowStartsAfterTheAnswer_AndTheWorklistRowIsMarkedStarted()
    {
        var customer = await erp.CustomerAsync(100_000m);

        var answer = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)));
        var holdId = answer.GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);

        var row = await Holds.GetAsync(holdId);
        Assert.Equal(HoldStatus.Open, row!.Status);
        Assert.Equal(customer, row.CustomerId);
        await WaitForAsync(async () => !(await Holds.ListUnstartedAsync(erp.Clock.GetUtcNow())).Any(h => h.Hold.HoldId == holdId));
    }

    [Fact]
    public async Task ProcessDiedAfterAnswering_SweepAfterTheGraceStartsTheHold_OnceAndWithTheCommittedFacts()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var crashed = CrashingService();

        var answer = await crashed.OrderAsync(Order(customer, "o-" + customer, 120_000m), "hash-1", CancellationToken.None);
        var holdId = System.Text.Json.JsonDocument.Parse(answer.Json).RootElement.GetProperty("holdId").GetString()!;

        Assert.Null(await erp.Durable.GetInstanceAsync(holdId));
        var left = Assert.Single(await Holds.ListUnstartedAsync(erp.Clock.GetUtcNow()), h => h.Hold.HoldId == holdId);
        Assert.Equal(CreditRole.CreditManager, left.Hold.ApproverRole);

        // Within the grace the request might still be committing: the sweep leaves it alone.
        await Starter.SweepAsync(CancellationToken.None);
        Assert.Null(await erp.Durable.GetInstanceAsync(holdId));

        erp.Clock.Advance(TimeSpan.FromMinutes(2));
        await Starter.SweepAsync(CancellationToken.None);
        await erp.RunningAsync(holdId);

        Assert.DoesNotContain(await Holds.ListUnstartedAsync(erp.Clock.GetUtcNow()), h => h.Hold.HoldId == holdId);
        Assert.Equal(0, await Starter.SweepAsync(CancellationToken.None));
        var started = await erp.Durable.GetInstanceAsync(holdId, getInputsAndOutputs: true);
        Assert.Equal(customer, started!.ReadInputAs<HoldInput>()!.CustomerId);

        // The recovered hold works like any other: a manager releases it and the ERP is told.
        await erp.DecideAsync(holdId, "release", CreditRole.CreditManager);
        Assert.Equal(HoldResolution.Released, (await erp.VerdictAsync(holdId)).Resolution);
    }

    [Fact]
    public async Task HoldNeverCommittedToTheLedger_SweepRemovesItFromTheWorklist_AndStartsNothing()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var holdId = HoldInput.IdFor(ErpDocumentKind.Order, "o-" + customer);
        var row = new HoldRecord(
            holdId, customer, ErpDocumentKind.Order, "o-" + customer, "o-" + customer, Money.Of(120_000m, "CNY"), Money.Of(120_000m, "CNY"),
            CreditRole.CreditManager, ["over the limit"], HoldStatus.Open, erp.Clock.GetUtcNow());
        await Holds.AddUnstartedAsync(row);

        erp.Clock.Advance(TimeSpan.FromMinutes(2));
        await Starter.SweepAsync(CancellationToken.None);

        Assert.Null(await Holds.GetAsync(holdId));
        Assert.Null(await erp.Durable.GetInstanceAsync(holdId));
    }

    [Fact]
    public async Task HoldRecordedByAnAttemptThatThenPassed_IsWithdrawnFromTheWorklistWithoutWaitingForTheSweep()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var orderId = "o-" + customer;
        var amount = Money.Of(120_000m, "CNY");
        var recorded = new HoldInput(
            HoldInput.IdFor(ErpDocumentKind.Order, orderId), ErpDocumentKind.Order, customer, orderId, orderId, amount, erp.Today, amount,
            CreditRole.CreditManager, [CreditRole.CreditManager, CreditRole.CreditCommittee], ["over the limit"], [], erp.Clock.GetUtcNow(),
            new CallbackRetry(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        await Starter.RecordAsync(recorded, CancellationToken.None);
        Assert.NotNull(await Holds.GetUnstartedAsync(recorded.HoldId));

        // What a request does when its last attempt passed the order after an earlier one recorded a hold.
        Starter.Withdraw(recorded);

        await WaitForAsync(async () => await Holds.GetAsync(recorded.HoldId) is null);
        Assert.Null(await erp.Durable.GetInstanceAsync(recorded.HoldId));
    }

    private HoldRepository Holds => erp.Host.Services.GetRequiredService<HoldRepository>();

    private HoldStarter Starter => erp.Host.Services.GetRequiredService<HoldStarter>();

    private OrderCheckService CrashingService()
    {
        var services = erp.Host.Services;
        var deadStarter = ActivatorUtilities.CreateInstance<HoldStarter>(services);
        return ActivatorUtilities.CreateInstance<OrderCheckService>(services, deadStarter);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        // The row is marked started just after the instance is created, in the background.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not become true in 20 s");
            await Task.Delay(50);
        }
    }

    private ErpOrder Order(string customer, string orderId, decimal amount) =>
        new(orderId, customer, Money.Of(amount, "CNY"), erp.Today, Money.Of(0m, "CNY"));
}
