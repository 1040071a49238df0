using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Receivables;
using CreditFlow.Storage.Tasks;
using CreditFlow.Testing;

namespace CreditFlow.Host.Tests.Tasks;

/// <summary>The tasks for people as <c>/api/tasks</c> shows them, and completing one with its outcome.</summary>
[Collection(ReceivablesCollection.Name)]
public sealed class TasksApiTests(ReceivablesHost host)
{
    [Fact]
    public async Task List_CustomersOpenTasks_ShowsEachWithWhetherItIsOverdue()
    {
        var customer = UniqueName.For("cust");
        var late = await TaskAsync(customer, CreditRole.SalesRep, due: host.Clock.GetUtcNow().AddHours(-2));
        var current = await TaskAsync(customer, CreditRole.CreditOfficer, due: host.Clock.GetUtcNow().AddHours(20));

        var tasks = await host.GetJsonAsync($"/api/tasks?customerId={customer}");

        Assert.Equal([late.Id, current.Id], Ids(tasks));
        var first = tasks[0];
        Assert.Equal(late.Title, first.GetProperty("title").GetString());
        Assert.Equal("SalesRep", first.GetProperty("ownerRole").GetString());
        Assert.Equal(customer, first.GetProperty("customerId").GetString());
        Assert.Equal("inv-" + customer, first.GetProperty("invoiceId").GetString());
        Assert.True(first.GetProperty("overdue").GetBoolean());
        Assert.False(tasks[1].GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("outcome").ValueKind);
    }

    [Fact]
    public async Task List_ByRole_ShowsOnlyThatRolesTasks()
    {
        var customer = UniqueName.For("cust");
        await TaskAsync(customer, CreditRole.SalesRep, due: host.Clock.GetUtcNow().AddHours(1));
        var officers = await TaskAsync(customer, CreditRole.CreditOfficer, due: host.Clock.GetUtcNow().AddHours(1));

        var tasks = await host.GetJsonAsync($"/api/tasks?customerId={customer}&role=creditofficer");

        Assert.Equal([officers.Id], Ids(tasks));
    }

    [Fact]
    public async Task Complete_OpenTask_RecordsOutcomeAndWhoAndASecondCompletionIs409()
    {
        var customer = UniqueName.For("cust");
        var task = await TaskAsync(customer, CreditRole.SalesRep, due: host.Clock.GetUtcNow().AddHours(4));

        using var done = await host.PostAsync(CreditRole.SalesRep, $"/api/tasks/{Uri.EscapeDataString(task.Id)}/complete", """{"outcome": "customer promised 15 March"}""");
        using var again = await host.PostAsync(CreditRole.CreditOfficer, $"/api/tasks/{Uri.EscapeDataString(task.Id)}/complete", """{"outcome": "called again"}""");

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var completed = await ReceivablesHost.JsonOf(done);
        Assert.Equal("customer promised 15 March", completed.GetProperty("outcome").GetString());
        Assert.Equal(ReceivablesHost.SalesRepName, completed.GetProperty("completedBy").GetString());
        Assert.Equal(host.Clock.GetUtcNow(), completed.GetProperty("completedAt").GetDateTimeOffset());
        Assert.False(completed.GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Task already completed", (await ReceivablesHost.JsonOf(again)).GetProperty("title").GetString());
        Assert.Empty(Ids(await host.GetJsonAsync($"/api/tasks?customerId={customer}")));
        var history = await host.GetJsonAsync($"/api/tasks?customerId={customer}&completed=true");
        Assert.Equal([task.Id], Ids(history));
        Assert.Equal("customer promised 15 March", history[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Complete_WithoutOutcome_Answers400NamingOutcomeAndLeavesTheTaskOpen()
    {
        var customer = UniqueName.For("cust");
        var task = await TaskAsync(customer, CreditRole.SalesRep, due: host.Clock.GetUtcNow().AddHours(4));

        using var response = await host.PostAsync(CreditRole.SalesRep, $"/api/tasks/{Uri.EscapeDataString(task.Id)}/complete", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["outcome"], (await ReceivablesHost.JsonOf(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal([task.Id], Ids(await host.GetJsonAsync($"/api/tasks?customerId={customer}")));
    }

    [Fact]
    public async Task Complete_UnknownTask_Answers404()
    {
        using var response = await host.PostAsync(CreditRole.Finance, "/api/tasks/task-nobody-has/complete", """{"outcome": "done"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Task not found", (await ReceivablesHost.JsonOf(response)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("role=boss", "role")]
    [InlineData("completed=maybe", "completed")]
    public async Task List_BadQueryValue_Answers400NamingTheParameter(string query, string parameter)
    {
        var problem = await host.GetJsonAsync("/api/tasks?" + query, HttpStatusCode.BadRequest);

        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    private async Task<CreditTask> TaskAsync(string customerId, CreditRole role, DateTimeOffset due) =>
        await host.Tasks.AddOnceAsync(new CreditTask(
            UniqueName.For("task"), $"Call {customerId} about invoice inv-{customerId}", role, customerId, "inv-" + customerId, host.Clock.GetUtcNow().AddDays(-1), due));

    private static List<string> Ids(JsonElement tasks) => tasks.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
}
