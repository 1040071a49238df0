using System.Net;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Host.Tests.Workspace;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Reviews;
using CreditFlow.Testing;
using static CreditFlow.Host.Tests.Credit.ReviewsOnErpHost;
using static CreditFlow.Host.Tests.Credit.WarningsOnErpHost;
using static CreditFlow.Host.Tests.Workspace.ExportFiles;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// The warnings, reviews and held-orders worklists as files: every row the page lists under the same filter, the Excel
/// file holding the same rows as the CSV, nothing for a browser that is not signed in.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class WorklistExportTests(ErpHost erp)
{
    [Fact]
    public async Task Warnings_OfOneLevel_AsCsvAndExcel_AreTheOpenOnesThePageLists()
    {
        var red = await erp.RaiseAsync(await erp.CustomerAsync("=Jinan Formula Steel"), SignalKind.MajorLawsuit);
        var yellow = await erp.RaiseAsync(await erp.CustomerAsync("Ningbo Export Lantern"), SignalKind.OwnershipChange);
        using var officer = await erp.SignedInAsync(OfficerKey);

        var page = await PageAsync(officer, "/credit/warnings?level=red");
        var csv = await CsvAsync(officer, "/credit/warnings/export.csv?level=red");

        Assert.Contains("href=\"/credit/warnings/export.csv?level=red\"", page, StringComparison.Ordinal);
        Assert.Equal(["Warning id", "Level", "Customer id", "Customer", "Raised through", "Rule", "Reason", "Owner", "Raised (UTC)", "Answer by (UTC)", "Target (UTC)", "Overdue", "Chased", "Proposed actions"], csv[0]);
        AssertListed(Ids(page, "data-warning"), FirstColumn(csv), page.Contains("id=\"warnings-pager\"", StringComparison.Ordinal));
        Assert.Contains(red.Id, FirstColumn(csv));
        Assert.DoesNotContain(yellow.Id, FirstColumn(csv));
        var row = csv.Single(r => r[0] == red.Id);
        Assert.Equal(("red", red.CustomerId, "'=Jinan Formula Steel"), (row[1], row[2], row[3]));
        await AssertExcelHoldsAsync(officer, "/credit/warnings/export.xlsx?level=red", csv);

        using var bad = await officer.GetAsync(new Uri("/credit/warnings/export.csv?level=purple", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("purple", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertRefusedSignedOutAsync(erp.Host.Client.BaseAddress!, "/credit/warnings/export.csv?level=red");
    }

    [Fact]
    public async Task Reviews_AsCsvAndExcel_AreEveryCustomerInTheSchedule_InThePagesOrder()
    {
        var now = erp.Clock.GetUtcNow();
        var late = await erp.CustomerAsync("Harbin Ice Works");
        await erp.Reviews().ScheduleAsync(new ReviewSchedule(late, now.AddDays(-3), 0, false));
        var later = await erp.CustomerAsync("Kunming Flower Traders");
        await erp.Reviews().ScheduleAsync(new ReviewSchedule(later, now.AddDays(200), 0, false));
        using var officer = await erp.SignedInAsync(OfficerKey);

        var page = await PageAsync(officer, "/credit/reviews");
        var csv = await CsvAsync(officer, "/credit/reviews/export.csv");

        Assert.Contains("href=\"/credit/reviews/export.csv\"", page, StringComparison.Ordinal);
        Assert.Equal("Customer id", csv[0][0]);
        var listed = Regex.Matches(page, "id=\"(?:proposal|schedule)-([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        AssertListed(listed, FirstColumn(csv), page.Contains("rel=\"next\"", StringComparison.Ordinal));
        Assert.Equal("overdue", csv.Single(r => r[0] == late)[2]);
        Assert.Equal("later", csv.Single(r => r[0] == later)[2]);
        await AssertExcelHoldsAsync(officer, "/credit/reviews/export.xlsx", csv);
        await AssertRefusedSignedOutAsync(erp.Host.Client.BaseAddress!, "/credit/reviews/export.xlsx");
    }

    [Fact]
    public async Task Holds_OfOneCustomer_AsCsvAndExcel_AreTheHoldsThePageListsUnderTheSameFilters()
    {
        var customer = await erp.CustomerAsync("Xiamen Quay Electronics");
        var at = erp.Clock.GetUtcNow();
        var holds = erp.Host.Services.GetRequiredService<HoldRepository>();
        var open = new HoldRecord(UniqueName.For("h"), customer, ErpDocumentKind.Order, "o-41", "o-41", Cny(12_500.5m), Cny(40_000m), CreditRole.CreditManager, ["over the limit by 2,500.50 CNY", "-1 day of term left"], HoldStatus.Open, at.AddHours(-3));
        var released = new HoldRecord(UniqueName.For("h"), customer, ErpDocumentKind.Shipment, "s-40", "o-40", Cny(8_000m), Cny(30_000m), CreditRole.CreditOfficer, ["overdue 12 days"], HoldStatus.Released, at.AddDays(-2), at.AddDays(-1), "Wu Fang", "paid");
        foreach (var hold in new[] { open, released })
        {
            await holds.AddUnstartedAsync(hold);
            await holds.MarkStartedAsync(hold);
        }

        using var officer = await erp.SignedInAsync(OfficerKey);
        var query = $"status=&customer={Uri.EscapeDataString(customer)}";
        var page = await PageAsync(officer, $"/credit/holds?{query}");
        var csv = await CsvAsync(officer, $"/credit/holds/export.csv?{query}");
        var openOnly = await CsvAsync(officer, $"/credit/holds/export.csv?customer={Uri.EscapeDataString(customer)}");

        Assert.Contains(WebUtility.HtmlEncode($"/credit/holds/export.csv?{query}"), page, StringComparison.Ordinal);
        Assert.Equal(["Hold id", "Held (UTC)", "Customer id", "Customer", "What", "Document", "Order", "Amount", "At stake", "Currency", "Approver", "Why", "Status", "Decided (UTC)", "Decided by", "Comment"], csv[0]);
        Assert.Equal(Ids(page, "data-hold"), FirstColumn(csv));
        Assert.Equal(new[] { open.HoldId, released.HoldId }.Order(StringComparer.Ordinal), FirstColumn(csv).Order(StringComparer.Ordinal));
        Assert.Equal([open.HoldId], FirstColumn(openOnly));
        var row = openOnly[1];
        Assert.Equal(("12500.5", "40000", "CNY", "over the limit by 2,500.50 CNY; -1 day of term left"), (row[7], row[8], row[9], row[11]));
        await AssertExcelHoldsAsync(officer, $"/credit/holds/export.xlsx?{query}", csv);

        using var bad = await officer.GetAsync(new Uri("/credit/holds/export.csv?minAgeHours=soon", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("minAgeHours", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertRefusedSignedOutAsync(erp.Host.Client.BaseAddress!, $"/credit/holds/export.csv?{query}");
    }

    private static Money Cny(decimal amount) => new(amount, new Currency("CNY"));
}
