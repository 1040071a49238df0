using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Tasks;
using CreditFlow.Workflows.Dunning;
using CreditFlow.Workflows.Tests.Testing;

namespace CreditFlow.Workflows.Tests.Dunning;

/// <summary>A stuck look becomes a task for the credit officer, once a day per invoice, on real storage.</summary>
public sealed class ReportStuckDunningTests
{
    [Fact]
    public async Task AStuckLook_IsATaskForTheCreditOfficer_OnceADay()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var tasks = host.Get<CreditTaskStore>();
        var report = new ReportStuckDunning(tasks);
        var invoice = new DunningInput("cust-stuck", "inv-stuck");
        var at = host.Now;

        var first = await report.RunAsync(null!, new StuckDunning(invoice, "storage unavailable", at, at.AddDays(1)));
        var again = await report.RunAsync(null!, new StuckDunning(invoice, "storage unavailable", at.AddHours(2), at.AddDays(1).AddHours(2)));
        var nextDay = await report.RunAsync(null!, new StuckDunning(invoice, "storage unavailable", at.AddDays(1), at.AddDays(2)));

        Assert.Equal(first, again);
        Assert.NotEqual(first, nextDay);
        var task = (await tasks.GetAsync(first))!;
        Assert.Equal((CreditRole.CreditOfficer, "cust-stuck", "inv-stuck", at.AddDays(1)), (task.OwnerRole, task.CustomerId, task.InvoiceId, task.DueAt));
        Assert.StartsWith("Dunning of invoice inv-stuck is stuck: its look failed for an hour (storage unavailable)", task.Title, StringComparison.Ordinal);
    }
}
