using System.Net;
using System.Text;
using System.Text.Json;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage.Customers;

namespace CreditFlow.Host.Tests.Warnings;

/// <summary>
/// A signal sent by credit staff becomes a warning (the shipped rules: a big customer of the customer bankrupt is orange
/// for the credit manager, with the limit frozen), which the order check then holds orders for, and which is answered
/// through <c>/api/warnings</c>.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class WarningsApiTests(ErpHost erp)
{
    [Fact]
    public async Task BankruptBigCustomer_OrangeWarningFreezesTheLimit_TheNextOrderIsHeld_AndTheCreditManagerAnswers()
    {
        var customer = await CustomerAsync();
        using var signal = await PostAsync(CreditRole.CreditOfficer, "/api/signals", $$"""
            {"eventId": "evt-{{customer}}", "customerId": "{{customer}}", "kind": "majorCustomerBankrupt",
             "observedAt": "{{erp.Clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'}}", "summary": "Its largest buyer, Delta Retail, filed for bankruptcy."}
            """);
        Assert.Equal(HttpStatusCode.OK, signal.StatusCode);

        var warning = await OpenWarningAsync(customer);
        Assert.Equal(("Orange", "CreditManager", false), (warning.GetProperty("level").GetString(), warning.GetProperty("owner").GetString(), warning.GetProperty("overdue").GetBoolean()));
        Assert.Equal(["CreditReview", "FreezeLimit"], warning.GetProperty("proposedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(erp.Clock.GetUtcNow().AddHours(24), warning.GetProperty("respondBy").GetDateTimeOffset());

        var order = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 10_000m)));
        Assert.Equal("hold", order.GetProperty("decision").GetString());
        Assert.Contains(order.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == "limitFrozen");

        var id = Uri.EscapeDataString(warning.GetProperty("id").GetString()!);
        using var byOfficer = await PostAsync(CreditRole.CreditOfficer, $"/api/warnings/{id}/answer", """{"actions": ["creditReview"], "comment": "checked"}""");
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        using var unproposed = await PostAsync(CreditRole.CreditManager, $"/api/warnings/{id}/answer", """{"actions": ["litigation"], "comment": "sue"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unproposed.StatusCode);
        Assert.Equal(["actions"], (await ErpHost.JsonOf(unproposed)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var unknown = await PostAsync(CreditRole.CreditManager, $"/api/warnings/{id}/answer", """{"actions": ["pray"]}""");
        Assert.Equal(["actions[0]", "comment"], (await ErpHost.JsonOf(unknown)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        erp.Clock.Advance(TimeSpan.FromHours(3));
        using var answered = await PostAsync(CreditRole.CreditManager, $"/api/warnings/{id}/answer", """{"actions": ["creditReview"], "comment": "Delta owed them 8% of sales; review the limit, keep the freeze."}""");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var view = await ErpHost.JsonOf(answered);
        Assert.Equal(3.0, view.GetProperty("responseHours").GetDouble());
        Assert.Equal((ErpHost.ManagerName, "CreditManager"), (view.GetProperty("answer").GetProperty("by").GetString(), view.GetProperty("answer").GetProperty("role").GetString()));
        using var again = await PostAsync(CreditRole.CreditManager, $"/api/warnings/{id}/answer", """{"actions": ["freezeLimit"], "comment": "again"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        Assert.Empty(await ListAsync($"/api/warnings?customerId={customer}"));
        Assert.Single(await ListAsync($"/api/warnings?customerId={customer}&status=answered"));
        var review = await WaitForTaskAsync(customer, t => t.GetProperty("title").GetString()!.StartsWith("Review the rating, limit and terms", StringComparison.Ordinal));
        Assert.Equal("CreditOfficer", review.GetProperty("ownerRole").GetString());
        var done = await ListAsync($"/api/tasks?customerId={customer}&completed=true");
        Assert.Contains(done, t => t.GetProperty("title").GetString()!.StartsWith("Answer the orange warning", StringComparison.Ordinal)
            && t.GetProperty("outcome").GetString()!.Contains("credit review", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWarningsAnswerTask_IsNotCompletedFromTheTaskList_AndBadFiltersAre400()
    {
        var customer = await CustomerAsync();
        using var signal = await PostAsync(CreditRole.CreditOfficer, "/api/signals", $$"""
            {"eventId": "evt-{{customer}}", "customerId": "{{customer}}", "kind": "ownershipChange",
             "observedAt": "{{erp.Clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'}}", "summary": "Mr Lin sold his 60% to an unknown fund."}
            """);
        Assert.Equal(HttpStatusCode.OK, signal.StatusCode);
        await OpenWarningAsync(customer);
        var task = await WaitForTaskAsync(customer, t => t.GetProperty("title").GetString()!.StartsWith("Answer the yellow warning", StringComparison.Ordinal));

        using var complete = await PostAsync(CreditRole.CreditOfficer, $"/api/tasks/{Uri.EscapeDataString(task.GetProperty("id").GetString()!)}/complete", """{"outcome": "done"}""");

        Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
        Assert.Equal("Answer the warning instead", (await ErpHost.JsonOf(complete)).GetProperty("title").GetString());
        Assert.Single(await ListAsync($"/api/warnings?customerId={customer}"));
        using var bad = await erp.As(CreditRole.CreditOfficer).GetAsync("/api/warnings?level=purple&status=closed");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["level", "status"], (await ErpHost.JsonOf(bad)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    private async Task<string> CustomerAsync()
    {
        var customer = await erp.CustomerAsync(1_000_000m);
        await erp.Store.Customers.CreateAsync(new Customer(customer, "Harbour Foods " + customer, "REG-" + customer, null, "food", erp.Clock.GetUtcNow()));
        return customer;
    }

    private Task<HttpResponseMessage> PostAsync(CreditRole role, string path, string json) =>
        erp.As(role).PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement[]> ListAsync(string path)
    {
        using var response = await erp.As(CreditRole.CreditOfficer).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ErpHost.JsonOf(response)).EnumerateArray().ToArray();
    }

    /// <summary>Waits (real time, bounded) for the customer's open warning: the workflow raises it asynchronously.</summary>
    private async Task<JsonElement> OpenWarningAsync(string customer) =>
        await Eventually(async () => (await ListAsync($"/api/warnings?customerId={customer}")).SingleOrDefault(), $"a warning on {customer}");

    private async Task<JsonElement> WaitForTaskAsync(string customer, Func<JsonElement, bool> match) =>
        await Eventually(async () => (await ListAsync($"/api/tasks?customerId={customer}")).FirstOrDefault(match), $"the task of {customer}");

    private static async Task<JsonElement> Eventually(Func<Task<JsonElement>> read, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = await read();
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {what} after 30 s");
            await Task.Delay(100);
        }
    }
}
