using System.Net;
using System.Text.RegularExpressions;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Imports;
using CreditFlow.Testing;
using MiniExcelLibs;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>
/// Importing from files as a credit officer does: a file with a bad row imports nothing and says where; a good one is
/// booked whole, as the ERP's documents are (the ledger, then dunning); the same file again changes nothing.
/// </summary>
[Collection(ImportCollection.Name)]
public sealed class ImportTests(ImportHost host)
{
    [Fact]
    public async Task AFileWithABadRow_ImportsNothing_AndEachProblemNamesItsRowAndColumn()
    {
        using var client = await host.SignedInAsync();
        var file = ImportHost.Csv(
            "invoiceId,customerId,amount,currency,issueDate,dueDate",
            "BAD-1,imp-c1,1000.00,CNY,2026-03-01,2026-03-31",
            "BAD-2,imp-c1,12.5O0,CNY,2026-03-01,2026-03-31",
            "BAD-3,imp-c9,500,CNY,2026-03-01,2026-02-01");

        using var response = await ImportHost.UploadAsync(client, "invoices", "march.csv", file);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        var problems = ProblemRows(page);
        Assert.Contains(("3", "amount"), problems);
        Assert.Contains(("4", "dueDate"), problems);
        Assert.Contains("Nothing of march.csv was imported", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var invoices = host.Host.Services.GetRequiredService<DunningStore>();
        Assert.Null(await invoices.FindAsync("BAD-1"));
        var imports = host.Host.Services.GetRequiredService<ImportStore>();
        Assert.DoesNotContain(await imports.GetManyAsync(await imports.IdsNewestFirstAsync()), i => i.FileName == "march.csv");
    }

    [Fact]
    public async Task AnUnknownCustomer_AColumnMissing_OrOneTheKindHasNot_AreProblemsToo()
    {
        using var client = await host.SignedInAsync();

        using var unknown = await ImportHost.UploadAsync(client, "invoices", "unknown.csv", ImportHost.Csv(
            "invoiceId,customerId,amount,currency,issueDate,dueDate", "UNK-1,imp-c9,500,CNY,2026-03-01,2026-03-31"));
        Assert.Contains(("2", "customerId"), ProblemRows(await unknown.Content.ReadAsStringAsync()));

        using var columns = await ImportHost.UploadAsync(client, "payments", "columns.csv", ImportHost.Csv(
            "Payment ID,customer_id,invoiceId,amount,receivedOn,bank", "P-1,imp-c1,X,10,2026-03-01,ICBC"));
        var problems = ProblemRows(await columns.Content.ReadAsStringAsync());
        Assert.Contains(("1", "currency"), problems);
        Assert.Contains(("1", "bank"), problems);
        Assert.DoesNotContain(problems, p => p.Column is "Payment ID" or "customer_id");
    }

    [Fact]
    public async Task GoodInvoices_AreBookedWhole_DunningFollows_AndTheSameFileAgainChangesNothing()
    {
        using var client = await host.SignedInAsync();
        var file = ImportHost.Csv(
            "Invoice ID;Customer ID;Order ID;Amount;Currency;Issue date;Due date",
            "IMP-1;imp-c1;SO-1;125000.00;CNY;2026-02-01;2026-03-03",
            "IMP-2;imp-c1;;4800.50;CNY;2026-03-01;2026-03-31",
            "IMP-3;imp-c2;;900;CNY;2026-03-10;2026-04-09");

        var import = await host.AppliedAsync(await ImportHost.UploadAsync(client, "invoices", "opening-balances.csv", file));

        Assert.Equal((3, 3, 0, 0), (import.Rows, import.Applied, import.AlreadyThere, import.Refused.Count));
        var invoices = host.Host.Services.GetRequiredService<DunningStore>();
        var first = await invoices.FindAsync("IMP-1");
        Assert.NotNull(first);
        Assert.Equal(("imp-c1", 125_000.00m, "CNY", new DateOnly(2026, 3, 3)), (first!.CustomerId, first.Amount.Amount, first.Amount.Currency.Code, first.DueDate));
        Assert.Equal(4_800.50m, (await invoices.FindAsync("IMP-2"))!.Amount.Amount);
        await Receivables.PaymentHost.UntilAsync(async () => (await invoices.FindAsync("IMP-1"))!.Standing.LookedAt is not null, "dunning's first look at IMP-1");

        using var page = await client.GetAsync($"/credit/imports/{import.ImportId}");
        Assert.Contains("All 3 rows are in.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await host.AppliedAsync(await ImportHost.UploadAsync(client, "invoices", "opening-balances.csv", file));
        Assert.Equal((3, 3, 0), (again.Applied, again.AlreadyThere, again.Refused.Count));
    }

    [Fact]
    public async Task PaymentsFromExcel_LowerWhatIsOwed()
    {
        using var client = await host.SignedInAsync();
        var invoices = ImportHost.Csv("invoiceId,customerId,amount,currency,issueDate,dueDate", "XLS-1,imp-c2,10000,CNY,2026-02-15,2026-03-17");
        await host.AppliedAsync(await ImportHost.UploadAsync(client, "invoices", "for-payments.csv", invoices));

        var sheet = new MemoryStream();
        await MiniExcel.SaveAsAsync(sheet, new[]
        {
            new Dictionary<string, object> { ["paymentId"] = "XLS-P1", ["customerId"] = "imp-c2", ["invoiceId"] = "XLS-1", ["amount"] = 2500.25m, ["currency"] = "CNY", ["receivedOn"] = new DateTime(2026, 3, 18) },
        });
        var import = await host.AppliedAsync(await ImportHost.UploadAsync(client, "payments", "bank.xlsx", sheet.ToArray()));

        Assert.Equal((1, 0), (import.Applied, import.Refused.Count));
        var store = host.Host.Services.GetRequiredService<DunningStore>();
        await Receivables.PaymentHost.UntilAsync(async () => (await store.FindAsync("XLS-1"))!.Invoice.Open.Amount == 7_499.75m, "the payment on XLS-1");
    }

    [Fact]
    public async Task Customers_AreAdded_AndOneOnRecordWithOtherDetailsIsAProblem()
    {
        using var client = await host.SignedInAsync();
        using var clash = await ImportHost.UploadAsync(client, "customers", "clash.csv", ImportHost.Csv(
            "id,name,registrationNumber", "imp-c1,Someone Else Ltd.,123"));
        Assert.Contains(("2", "id"), ProblemRows(await clash.Content.ReadAsStringAsync()));

        var import = await host.AppliedAsync(await ImportHost.UploadAsync(client, "customers", "new.csv", ImportHost.Csv(
            "id,name,registrationNumber,actualController,industry", "imp-c3,Hangzhou Westlake Textiles,91330100IMP0003,Xu Ming,textiles")));

        Assert.Equal(1, import.Applied);
        var added = (await host.Host.Services.GetRequiredService<CustomerRepository>().GetAsync("imp-c3"))!.Value;
        Assert.Equal(("Hangzhou Westlake Textiles", "Xu Ming", "textiles"), (added.Name, added.ActualController, added.Industry));
    }

    [Fact]
    public async Task ASalesBudget_IsAddedUp_ReplacedMonthByMonth_AndTheDashboardSetsItBesideWhatHappened()
    {
        using var client = await host.SignedInAsync();
        using var bad = await ImportHost.UploadAsync(client, "budget", "bad-budget.csv", ImportHost.Csv(
            "customerId,month,sales,currency", "imp-c1,2026-13,1000,CNY", "imp-c1,2026-05,-5,CNY"));
        var problems = ProblemRows(await bad.Content.ReadAsStringAsync());
        Assert.Contains(("2", "month"), problems);
        Assert.Contains(("3", "sales"), problems);

        await host.AppliedAsync(await ImportHost.UploadAsync(client, "budget", "budget-2026.csv", ImportHost.Csv(
            "customerId,month,sales,currency", "imp-c1,2026-03,60000,CNY", "imp-c2,2026-03,40000,CNY", "imp-c1,2026-04,50000,CNY")));
        await host.AppliedAsync(await ImportHost.UploadAsync(client, "budget", "budget-revised.csv", ImportHost.Csv(
            "customerId,month,sales,currency", "imp-c1,2026-03,70000,CNY")));

        var totals = await host.Host.Services.GetRequiredService<CreditFlow.Storage.Budgets.SalesBudgetStore>().TotalsAsync();
        Assert.Equal(110_000m, totals.Single(t => t.Month == new DateOnly(2026, 3, 1)).Sales.Amount);  // 70,000 replaced 60,000
        Assert.Equal(50_000m, totals.Single(t => t.Month == new DateOnly(2026, 4, 1)).Sales.Amount);

        var dashboard = await client.GetStringAsync("/credit/dashboard");
        var budget = dashboard[dashboard.IndexOf("id=\"budget-table\"", StringComparison.Ordinal)..];
        Assert.Contains("CNY 110,000", budget, StringComparison.Ordinal);
        Assert.Contains("CNY 50,000", budget, StringComparison.Ordinal);
        // The table behind the chart downloads whole: a row per month it shows, budget beside what happened.
        var file = await ExportFiles.CsvAsync(client, "/credit/dashboard/budget.csv");
        Assert.Equal(["Month", "Sales budget", "Invoiced", "Collection budget", "Collected", "Receivables budget", "Of which overdue", "Receivables", "Currency"], file[0]);
        Assert.Equal(Regex.Matches(budget[..budget.IndexOf("</table>", StringComparison.Ordinal)], "<tr>\\s*<td><time").Count, file.Count - 1);
        Assert.Equal(("110000", "CNY"), (file.Single(r => r[0] == "2026-03-01")[1], file.Single(r => r[0] == "2026-03-01")[8]));
        await ExportFiles.AssertExcelHoldsAsync(client, "/credit/dashboard/budget.xlsx", file);

        // The customer's page sets its own budget beside its months: 70,000 of sales budgeted for March.
        var customer = await client.GetStringAsync("/credit/customers/imp-c1");
        var behaviour = customer[customer.IndexOf("id=\"behaviour-table\"", StringComparison.Ordinal)..];
        Assert.Matches("2026-03\"[^<]*</time></td>\\s*<td class=\"num\"><span class=\"money\"[^>]*>CNY 70,000<", behaviour);

        // And its chart draws the budget beside the bars: no budget before March, March's 70,000 the last month shown.
        var chart = customer[customer.IndexOf("id=\"customer-data\">", StringComparison.Ordinal)..];
        Assert.Matches("\"salesBudget\":\\[(0,){11}70000\\]", chart[..chart.IndexOf("</script>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task ASalesRep_MayNotImport_AndTheTemplatesHaveTheColumns()
    {
        using var sales = await host.SignedInAsync(ImportHost.SalesKey);
        using var refused = await ImportHost.UploadAsync(sales, "customers", "c.csv", ImportHost.Csv("id,name,registrationNumber", "imp-c8,X,1"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(await host.Host.Services.GetRequiredService<CustomerRepository>().GetAsync("imp-c8"));

        using var client = await host.SignedInAsync();
        var template = await client.GetStringAsync("/credit/imports/templates/payments.csv");
        Assert.StartsWith("paymentId,customerId,invoiceId,amount,currency,receivedOn", template.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePastImports_FiftyAPage_NewestFirst_AndAPageThatIsNoNumberIsSaid()
    {
        // 55 imports of the days before (this host's clock stands still, so every import of the other tests is newer).
        var store = host.Host.Services.GetRequiredService<ImportStore>();
        var rows = new ImportedRows([], [], []);
        for (var i = 0; i < 55; i++)
        {
            var at = host.Clock.GetUtcNow().AddDays(-1).AddHours(-i);
            var id = $"{at:yyyyMMdd-HHmmss}-{UniqueName.For("h")}";
            await store.AddAsync(new ImportRecord(id, ImportKind.Invoices, $"history-{i:00}.csv", "Chen Jing", at, 10, 10, 0, [], ImportStatus.Done, at.AddMinutes(1)), rows);
        }

        var newestFirst = await store.IdsNewestFirstAsync();
        var pages = (newestFirst.Count + 49) / 50;
        using var client = await host.SignedInAsync();

        var firstAsSent = await client.GetStringAsync("/credit/imports");
        var all = new List<string> { WebUtility.HtmlDecode(firstAsSent) };
        for (var n = 2; n <= pages; n++)
        {
            all.Add(WebUtility.HtmlDecode(await client.GetStringAsync($"/credit/imports?page={n}")));
        }

        var zero = WebUtility.HtmlDecode(await client.GetStringAsync("/credit/imports?page=0"));
        var notANumber = WebUtility.HtmlDecode(await client.GetStringAsync("/credit/imports?page=x"));

        Assert.Equal(50, ImportRows(all[0]).Count);
        Assert.Contains($"Rows 1–50 of {newestFirst.Count}", all[0], StringComparison.Ordinal);
        Assert.Contains("href=\"/credit/imports?page=2#latest-title\" rel=\"next\"", firstAsSent, StringComparison.Ordinal);
        Assert.Equal(newestFirst.Count - ((pages - 1) * 50), ImportRows(all[^1]).Count);
        Assert.DoesNotContain("rel=\"next\"", all[^1], StringComparison.Ordinal);
        // Every import on one of the pages, once, newest first: the oldest of those seeded last.
        Assert.Equal(newestFirst, all.SelectMany(ImportRows));
        Assert.Contains("history-54.csv", all[^1], StringComparison.Ordinal);
        Assert.Contains("The page must be a whole number from 1 (was \"0\"); showing the first.", zero, StringComparison.Ordinal);
        Assert.Equal(newestFirst.Take(50), ImportRows(zero));
        Assert.Contains("The page must be a whole number from 1 (was \"x\"); showing the first.", notANumber, StringComparison.Ordinal);
        Assert.Equal(newestFirst.Take(50), ImportRows(notANumber));
    }

    /// <summary>The ids of the past imports a page lists, in its order.</summary>
    private static List<string> ImportRows(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<a href=\"/credit/imports/([^\"]+)\"><time").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The (row, column) of each problem the page lists.</summary>
    private static List<(string Row, string? Column)> ProblemRows(string html)
    {
        var rows = new List<(string, string?)>();
        var body = html[(html.IndexOf("id=\"problem-list\"", StringComparison.Ordinal) is var at and >= 0 ? at : 0)..];
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(body, "<td class=\"num\">([^<]*)</td>\\s*<td><code>([^<]*)</code></td>"))
        {
            rows.Add((m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)));
        }

        return rows;
    }
}
