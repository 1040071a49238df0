using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>Held orders: release by authority, refusal without it, cure by payment, callbacks, shipments after release.</summary>
[Collection(ErpCollection.Name)]
public sealed class OrderHoldTests(ErpHost erp)
{
    [Fact]
    public async Task OverLimitHold_OfficerKeyIsRefused_ManagerKeyReleases_ExposureReservedAndErpCalledBack()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var answer = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)));
        var holdId = answer.GetProperty("holdId").GetString()!;
        Assert.Equal("CreditManager", answer.GetProperty("approverRole").GetString());
        await erp.RunningAsync(holdId);

        var refused = await erp.DecideAsync(holdId, "release", CreditRole.CreditOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Above your authority", (await ErpHost.JsonOf(refused)).GetProperty("title").GetString());
        await WaitForAsync(async () => (await erp.Store.Decisions.ListForCustomerAsync(customer)).Any(d => d.What.StartsWith("refused", StringComparison.Ordinal)));
        var refusal = Assert.Single(await erp.Store.Decisions.ListForCustomerAsync(customer), d => d.What.StartsWith("refused", StringComparison.Ordinal));
        Assert.Equal(ErpHost.OfficerName, refusal.DecidedBy);
        Assert.Contains("by CreditOfficer", refusal.What, StringComparison.Ordinal);
        Assert.Equal(HoldStatus.Open, (await Holds.GetAsync(holdId))!.Status);

        Assert.Equal(HttpStatusCode.Accepted, (await erp.DecideAsync(holdId, "release", CreditRole.CreditManager)).StatusCode);
        var verdict = await erp.VerdictAsync(holdId);

        Assert.Equal(HoldResolution.Released, verdict.Resolution);
        Assert.Equal(ErpHost.ManagerName, verdict.DecidedBy);
        Assert.Equal(120_000m, (await erp.ExposureAsync(customer))!.Amounts.OpenOrders.Amount);
        Assert.Equal(HoldStatus.Released, (await Holds.GetAsync(holdId))!.Status);
        Assert.Equal([CreditRole.CreditManager, CreditRole.CreditCommittee], (await Holds.GetAsync(holdId))!.AuthorizedRoles);
        Assert.Contains(await erp.Store.Decisions.ListForCustomerAsync(customer), d => d.Id == holdId + "-released" && d.DecidedBy == ErpHost.ManagerName);
        var callback = Assert.Single(erp.Erp.Received, c => c.IdempotencyKey == holdId);
        Assert.True(callback.SignatureValid);
        var told = JsonDocument.Parse(callback.Body).RootElement;
        Assert.Equal("released", told.GetProperty("outcome").GetString());
        Assert.Equal(ErpHost.ManagerName, told.GetProperty("decidedBy").GetString());
        Assert.Equal("CreditManager", told.GetProperty("decidedByRole").GetString());
    }

    [Fact]
    public async Task Decision_AboveTheRolesLimit_403ProblemNamingTheAmountAndTheLimit_HoldStaysOpenForTheCommittee()
    {
        // Arrange: 6,000,000 at stake is above the manager's 5,000,000: the committee's.
        var customer = await erp.CustomerAsync(5_000_000m);
        var answer = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 6_000_000m)));
        var holdId = answer.GetProperty("holdId").GetString()!;
        Assert.Equal("CreditCommittee", answer.GetProperty("approverRole").GetString());
        await erp.RunningAsync(holdId);

        // Act
        var refused = await erp.DecideAsync(holdId, "release", CreditRole.CreditManager);

        // Assert: a clear refusal, as problem details.
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await ErpHost.JsonOf(refused);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("Above your authority", problem.GetProperty("title").GetString());
        Assert.Equal(
            $"Hold {holdId}: 6,000,000.00 CNY at stake, above the 5,000,000.00 CNY a CreditManager may decide. CreditCommittee can decide it. "
            + "Nothing was decided; the attempt is logged and the hold stays open.",
            problem.GetProperty("detail").GetString());
        await WaitForAsync(async () => (await erp.Store.Decisions.ListForCustomerAsync(customer)).Any(d => d.What.StartsWith("refused", StringComparison.Ordinal)));
        Assert.Equal(HoldStatus.Open, (await Holds.GetAsync(holdId))!.Status);

        // The committee decides it.
        Assert.Equal(HttpStatusCode.Accepted, (await erp.DecideAsync(holdId, "release", CreditRole.CreditCommittee)).StatusCode);
        var verdict = await erp.VerdictAsync(holdId);
        Assert.Equal((HoldResolution.Released, CreditRole.CreditCommittee), (verdict.Resolution, verdict.Role!.Value));
    }

    [Fact]
    public async Task Decision_WithinTheRolesLimitButReasonsNeedAManager_403SaysSo()
    {
        // Arrange: 120,000 at stake is within the officer's 1,000,000, but over-limit holds are the manager's.
        var customer = await erp.CustomerAsync(100_000m);
        var holdId = (await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)))).GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);

        // Act
        var refused = await erp.DecideAsync(holdId, "reject", CreditRole.CreditOfficer);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await ErpHost.JsonOf(refused);
        Assert.Equal("Above your authority", problem.GetProperty("title").GetString());
        Assert.StartsWith(
            $"Hold {holdId}: 120,000.00 CNY at stake, within the 1,000,000.00 CNY a CreditOfficer may decide, but the hold's reasons need a CreditManager at least. "
            + "CreditManager or CreditCommittee can decide it.",
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HoldStatus.Open, (await Holds.GetAsync(holdId))!.Status);
    }

    [Fact]
    public async Task Worklist_WithoutKey401_AnyKeyLists_FinanceMayNotDecide403()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var holdId = (await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)))).GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await erp.As(null).GetAsync($"/api/holds?customer={customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await erp.DecideAsync(holdId, "release", null)).StatusCode);
        var listed = Assert.Single((await ErpHost.JsonOf(await erp.As(CreditRole.Finance).GetAsync($"/api/holds?customer={customer}"))).EnumerateArray());
        Assert.Equal(holdId, listed.GetProperty("holdId").GetString());
        Assert.Equal("Order", listed.GetProperty("kind").GetString());
        Assert.Equal("CreditManager", listed.GetProperty("approverRole").GetString());
        Assert.Equal("Open", listed.GetProperty("status").GetString());

        var forbidden = await erp.DecideAsync(holdId, "release", CreditRole.Finance);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("CreditOfficer, CreditManager or CreditCommittee", (await ErpHost.JsonOf(forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HoldStatus.Open, (await Holds.GetAsync(holdId))!.Status);
    }

    [Theory]
    [InlineData("decidedBy")]
    [InlineData("role")]
    public async Task Decision_BodyNamingTheDecider_400NamesTheField(string field)
    {
        var customer = await erp.CustomerAsync(100_000m);
        var holdId = (await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)))).GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);
        var body = new Dictionary<string, string> { ["outcome"] = "release", [field] = field == "role" ? "CreditCommittee" : "someone else" };

        var response = await erp.DecideRawAsync(holdId, body, CreditRole.CreditManager);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ErpHost.JsonOf(response)).GetProperty("errors");
        Assert.Contains("set by the API key", Assert.Single(errors.GetProperty(field).EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(HoldStatus.Open, (await Holds.GetAsync(holdId))!.Status);
    }

    [Fact]
    public async Task Hold_AsksTheApproverByMail_AndTheirDecisionReleasesIt()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var holdId = (await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)))).GetProperty("holdId").GetString()!;
        var approvalId = holdId + "-approval";
        await WaitForAsync(async () => (await erp.Durable.GetInstanceAsync(approvalId))?.SerializedCustomStatus?.Contains("CreditManager", StringComparison.Ordinal) == true);

        // What the approval page raises after the manager decided through the mailed link.
        var step = JsonDocument.Parse((await erp.Durable.GetInstanceAsync(approvalId))!.SerializedCustomStatus!).RootElement.GetProperty("step").GetString()!;
        await erp.Durable.RaiseEventAsync(approvalId, CreditFlow.Workflows.Approvals.ApprovalEvents.Decision, new CreditFlow.Workflows.Approvals.ApprovalDecision(
            step, CreditFlow.Domain.Authority.ApprovalOutcome.Approved, null, "fine", "manager@example.com", CreditFlow.Domain.Roles.CreditRole.CreditManager, erp.Clock.GetUtcNow()));
        var verdict = await erp.VerdictAsync(holdId);

        Assert.Equal(HoldResolution.Released, verdict.Resolution);
        Assert.Equal("manager@example.com", verdict.DecidedBy);
        Assert.Equal(120_000m, (await erp.ExposureAsync(customer))!.Amounts.OpenOrders.Amount);
    }

    [Fact]
    public async Task Reject_ReservesNothing_AndTheErpIsToldSo()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var holdId = (await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)))).GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);

        await erp.DecideAsync(holdId, "reject", CreditRole.CreditCommittee);
        var verdict = await erp.VerdictAsync(holdId);

        Assert.Equal(HoldResolution.Rejected, verdict.Resolution);
        Assert.Equal(0m, (await erp.ExposureAsync(customer))?.Amounts.OpenOrders.Amount ?? 0m);
        Assert.Equal("rejected", JsonDocument.Parse(Assert.Single(erp.Erp.Received, c => c.IdempotencyKey == holdId).Body).RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task PaymentOfTheOverdueInvoice_CuresTheHold_ReleasedByItself()
    {
        var customer = await erp.CustomerAsync(100_000m);
        await erp.PostAsync("invoices", ErpHost.Invoice(customer, "inv-" + customer, null, 5_000m, erp.Today.AddDays(-70), erp.Today.AddDays(-40)));
        var holdId = (await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 10_000m)))).GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);

        // A part payment leaves the invoice overdue: the hold stays.
        await erp.PostAsync("payments", erp.Payment(customer, "p1-" + customer, 1_000m, invoiceId: "inv-" + customer));
        await erp.PostAsync("payments", erp.Payment(customer, "p2-" + customer, 4_000m, invoiceId: "inv-" + customer));
        var verdict = await erp.VerdictAsync(holdId);

        Assert.Equal(HoldResolution.Cured, verdict.Resolution);
        Assert.Equal("system", verdict.DecidedBy);
        Assert.Equal(10_000m, (await erp.ExposureAsync(customer))!.Amounts.OpenOrders.Amount);
        Assert.Contains(erp.Erp.Received, c => c.IdempotencyKey == holdId);
    }

    [Fact]
    public async Task Callback_IsRetriedUntilTheErpAnswers2xx()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var holdId = (await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)))).GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);
        erp.Erp.AnswerNext(500, 503);

        await erp.DecideAsync(holdId, "release", CreditRole.CreditManager);
        for (var i = 0; i < 200 && erp.Erp.Received.Count(c => c.IdempotencyKey == holdId) < 3; i++)
        {
            // The retries wait on durable timers of the fake clock: move it past each wait.
            await Task.Delay(50);
            erp.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var verdict = await erp.VerdictAsync(holdId);
        Assert.Equal(HoldResolution.Released, verdict.Resolution);
        Assert.Equal([500, 503, 200], erp.Erp.Received.Where(c => c.IdempotencyKey == holdId).Select(c => c.AnsweredStatus).ToArray());
    }

    [Fact]
    public async Task Shipment_AfterRelease_PassesWithinToleranceAndIsCheckedAgainBeyondIt()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var orderId = "o-" + customer;
        var holdId = (await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, orderId, 120_000m)))).GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);
        await erp.DecideAsync(holdId, "release", CreditRole.CreditManager);
        await erp.VerdictAsync(holdId);

        // Within +5%: covered by the release.
        var within = await ErpHost.JsonOf(await erp.PostAsync("shipments", erp.Shipment(customer, orderId, "s1-" + customer, 60_000m)));
        Assert.Equal("pass", within.GetProperty("decision").GetString());
        Assert.True(within.GetProperty("coveredByRelease").GetBoolean());

        // Beyond the amount tolerance: the rest of the order plus 10% more is checked afresh, and the limit holds it.
        var beyond = await ErpHost.JsonOf(await erp.PostAsync("shipments", erp.Shipment(customer, orderId, "s2-" + customer, 130_000m)));
        Assert.Equal("hold", beyond.GetProperty("decision").GetString());
        Assert.Equal("hold-shipment-s2-" + customer, beyond.GetProperty("holdId").GetString());

        // Beyond the days tolerance the release no longer covers it: checked afresh, it adds no credit beyond the released order and passes on its own.
        erp.Clock.Advance(TimeSpan.FromDays(11));
        var late = await ErpHost.JsonOf(await erp.PostAsync("shipments", erp.Shipment(customer, orderId, "s3-" + customer, 60_000m)));
        Assert.Equal("pass", late.GetProperty("decision").GetString());
        Assert.False(late.GetProperty("coveredByRelease").GetBoolean());
        Assert.Equal(120_000m, (await erp.ExposureAsync(customer))!.Amounts.Total.Amount);
    }

    private HoldRepository Holds => erp.Host.Services.GetRequiredService<HoldRepository>();

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not become true in 20 s");
            await Task.Delay(50);
        }
    }
}
