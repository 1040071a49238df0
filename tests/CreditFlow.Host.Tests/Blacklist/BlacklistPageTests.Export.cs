using System.Text;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Roles;
using CreditFlow.Testing;
using static CreditFlow.Host.Tests.Workspace.ExportFiles;

namespace CreditFlow.Host.Tests.Blacklist;

/// <summary>The blacklist as files: every company the page lists for the source filter, on every page.</summary>
public sealed partial class BlacklistPageTests
{
    [Fact]
    public async Task Export_OfTheIndustryList_AsCsvAndExcel_IsEveryEntryOfThatSource_AllPagesOfThem()
    {
        var industry = new StringBuilder("registrationNumber,name,reason\r\n");
        for (var i = 0; i < 51; i++)
        {
            industry.Append($"{UniqueName.For("EXP")},{(i == 0 ? "@Formula Holdings" : $"Exported Company {i}")},association list 2026-04\r\n");
        }

        using (var imported = await host.ImportAsync(CreditRole.CreditManager, industry.ToString()))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, imported.StatusCode);
        }

        using var officer = await host.SignedInAsync(CreditRole.CreditOfficer);
        var page = await PageAsync(officer, "/credit/blacklist?source=industryList");
        var csv = await CsvAsync(officer, "/credit/blacklist/export.csv?source=industryList");
        var every = await CsvAsync(officer, "/credit/blacklist/export.csv");

        Assert.Contains("href=\"/credit/blacklist/export.csv?source=industryList\"", page, StringComparison.Ordinal);
        Assert.Equal(["Registration number", "Company", "Customer id", "Source", "Case id", "Reason", "Decided by", "Added (UTC)"], csv[0]);
        AssertListed(Ids(page, "data-number"), FirstColumn(csv), paged: true);
        var count = int.Parse(Regex.Match(page, "id=\"count-industryList\"[^>]*><b>([0-9,]+)</b>").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(count, csv.Count - 1);
        Assert.Contains("'@Formula Holdings", csv.Select(r => r[1]));
        Assert.True(every.Count >= csv.Count);
        await AssertExcelHoldsAsync(officer, "/credit/blacklist/export.xlsx?source=industryList", csv);
        await AssertRefusedSignedOutAsync(host.Host.Client.BaseAddress!, "/credit/blacklist/export.csv");
    }
}
