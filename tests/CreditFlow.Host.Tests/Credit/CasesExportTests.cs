using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Cases;
using static CreditFlow.Host.Tests.Workspace.ExportFiles;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>The legal cases as files: every case the page lists for the status filter, with what is still owed on each.</summary>
[Collection(CasesCollection.Name)]
public sealed class CasesExportTests(CasesHost host)
{
    [Fact]
    public async Task OpenCases_AsCsvAndExcel_AreTheOnesThePageLists_WithTheirAmounts()
    {
        var customer = await host.CustomerAsync("Yantai Apple Growers");
        await host.OverdueInvoiceAsync(customer, 120_000.25m, daysOverdue: 95);
        var opened = await host.OpenedCaseAsync(customer);
        using var manager = await host.SignedInAsync(CreditRole.CreditManager);

        var page = await PageAsync(manager, "/credit/cases?status=awaitingLegal");
        var csv = await CsvAsync(manager, "/credit/cases/export.csv?status=awaitingLegal");
        var recovered = await CsvAsync(manager, "/credit/cases/export.csv?status=recovered");

        Assert.Contains("href=\"/credit/cases/export.csv?status=awaitingLegal\"", page, StringComparison.Ordinal);
        Assert.Equal(["Case id", "Customer id", "Customer", "Status", "Opened (UTC)", "Opened by", "Invoices", "Claimed", "Still owed", "Recovered", "Currency", "Route", "Agency", "Waits for", "Last heard (UTC)"], csv[0]);
        AssertListed(Ids(page, "data-case"), FirstColumn(csv), page.Contains("id=\"cases-pager\"", StringComparison.Ordinal));
        var row = csv.Single(r => r[0] == opened.Case.CaseId);
        Assert.Equal((customer, "Yantai Apple Growers", "awaiting legal", "120000.25", "120000.25", "0", "CNY", "legal's acceptance"), (row[1], row[2], row[3], row[7], row[8], row[9], row[10], row[13]));
        Assert.DoesNotContain(opened.Case.CaseId, FirstColumn(recovered));
        await AssertExcelHoldsAsync(manager, "/credit/cases/export.xlsx?status=awaitingLegal", csv);
        await AssertRefusedSignedOutAsync(host.Host.Client.BaseAddress!, "/credit/cases/export.csv");
    }
}
