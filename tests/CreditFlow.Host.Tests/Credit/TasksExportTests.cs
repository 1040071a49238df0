using System.Net;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Receivables;
using CreditFlow.Storage.Tasks;
using CreditFlow.Testing;
using static CreditFlow.Host.Tests.Workspace.ExportFiles;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>The tasks worklist as files: every open task the page lists for the owner-role filter, on every page.</summary>
[Collection(PaymentCollection.Name)]
public sealed class TasksExportTests(PaymentHost host)
{
    [Fact]
    public async Task OpenTasks_OfTheSalesRep_AsCsvAndExcel_AreTheOnesThePageLists_AllPagesOfThem()
    {
        var customer = await host.CustomerAsync("Shantou Toy Makers");
        var now = host.Clock.GetUtcNow();
        var tasks = host.Host.Services.GetRequiredService<CreditTaskStore>();
        var mine = new List<CreditTask>();
        for (var i = 0; i < 51; i++)
        {
            mine.Add(await tasks.AddOnceAsync(new CreditTask(UniqueName.For("task"), i == 0 ? "=call the buyer" : $"Visit the customer ({i})", CreditRole.SalesRep, customer, null, now.AddDays(-1), now.AddHours(i - 2))));
        }

        var officers = await tasks.AddOnceAsync(new CreditTask(UniqueName.For("task"), "Check the limit", CreditRole.CreditOfficer, customer, "INV-9", now.AddDays(-1), now.AddDays(1)));
        using var officer = await host.SignedInAsync(PaymentHost.OfficerKey);

        var page = await PageAsync(officer, "/credit/tasks?role=SalesRep");
        var csv = await CsvAsync(officer, "/credit/tasks/export.csv?role=SalesRep");

        Assert.Contains("href=\"/credit/tasks/export.csv?role=SalesRep\"", page, StringComparison.Ordinal);
        Assert.Equal(["Task id", "Task", "Owner", "Customer id", "Customer", "Invoice", "Asked (UTC)", "Due (UTC)", "Overdue", "Reported up (UTC)"], csv[0]);
        var open = page[page.IndexOf("id=\"open-tasks\"", StringComparison.Ordinal)..];
        AssertListed(Ids(open[..open.IndexOf("</table>", StringComparison.Ordinal)], "data-task"), FirstColumn(csv), paged: true);
        var count = int.Parse(System.Text.RegularExpressions.Regex.Match(page, "id=\"open-count\"><b>([0-9,]+)</b>").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(count, csv.Count - 1);
        Assert.Subset(FirstColumn(csv).ToHashSet(), mine.Select(t => t.Id).ToHashSet());
        Assert.DoesNotContain(officers.Id, FirstColumn(csv));
        var first = csv.Single(r => r[0] == mine[0].Id);
        Assert.Equal(("'=call the buyer", "sales rep", "Shantou Toy Makers", "yes"), (first[1], first[2], first[4], first[8]));
        await AssertExcelHoldsAsync(officer, "/credit/tasks/export.xlsx?role=SalesRep", csv);

        using var bad = await officer.GetAsync(new Uri("/credit/tasks/export.csv?role=Janitor", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await AssertRefusedSignedOutAsync(host.Host.Client.BaseAddress!, "/credit/tasks/export.csv?role=all");
    }
}
