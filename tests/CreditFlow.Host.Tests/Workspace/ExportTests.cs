using System.Net;
using System.Text;
using MiniExcelLibs;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>The workspace's tables as files, on the known book of <see cref="DashboardHost"/>: CSV as written, Excel read back.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ExportTests(DashboardHost host)
{
    [Fact]
    public async Task AgingByCustomer_AsCsv_HasEveryCustomerWithTheirBuckets()
    {
        using var officer = await host.SignedInAsync();
        using var response = await officer.GetAsync(new Uri("/credit/dashboard/aging-by-customer.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("aging-by-customer-CNY-2026-03-20.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            [
                "Customer id,Customer,current,1-30,31-60,61-90,91-180,>180,Total,Currency",
                "c1,Jiangsu Hengtong Cable Co.,0,15000,0,0,0,0,15000,CNY",
                "c2,Ningbo Seaside Trading Co.,0,30000,0,0,5000,0,35000,CNY",
                "c3,Hangzhou Westlake Textiles,40000,0,0,0,0,0,40000,CNY",
            ],
            Encoding.UTF8.GetString(bytes[3..]).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task CreditBook_AsCsv_GivesEveryCustomersLimitExposureAndLimitWithinTheLine()
    {
        using var officer = await host.SignedInAsync();
        var csv = (await officer.GetStringAsync(new Uri("/credit/dashboard/credit-book.csv", UriKind.Relative))).TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

        // The most exposure first; limits scaled by 250,000 / 300,000 and rounded down to the cent.
        Assert.Equal(
            [
                "Customer id,Customer,Industry,Class,High risk,Status,Limit,Exposure,Limit within the total line,Currency",
                "c2,Ningbo Seaside Trading Co.,Manufacturing,C,yes,active,100000,57000,83333.33,CNY",
                "c3,Hangzhou Westlake Textiles,Textiles,A,no,active,200000,40000,166666.66,CNY",
                "c1,Jiangsu Hengtong Cable Co.,Manufacturing,,no,,,15000,,CNY",
            ],
            csv);
    }

    [Fact]
    public async Task Months_AsExcel_ReadBack_GiveTheSameFiguresAsTheCsv()
    {
        using var officer = await host.SignedInAsync();
        var csv = (await officer.GetStringAsync(new Uri("/credit/dashboard/months.csv", UriKind.Relative))).TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        using var excel = await officer.GetAsync(new Uri("/credit/dashboard/months.xlsx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType!.MediaType);
        await using var workbook = new MemoryStream(await excel.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(workbook, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal("Month,Invoiced,Collected,Owed at month end,DSO over 3 months (days),Written off,Bad-debt rate,Currency", csv[0]);
        Assert.Equal(12, rows.Count);
        Assert.Equal(csv.Length - 1, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = csv[i + 1].Split(',');
            var row = rows[i];
            Assert.Equal(DateTime.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDateTime(row["Month"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(decimal.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDecimal(row["Invoiced"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(decimal.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDecimal(row["Collected"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(decimal.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDecimal(row["Owed at month end"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("CNY", row["Currency"]);
        }

        // March 2026, to the 20th: 40,000 invoiced, 5,000 collected, 90,000 owed, DSO 38.5 over January to March, nothing written off.
        Assert.Equal("2026-03-01,40000,5000,90000,38.5,0,0,CNY", csv[^1]);
    }

    [Fact]
    public async Task CustomerInvoices_AsCsv_HasThemAll_AndUnknownTablesOrFormatsAreNotFound()
    {
        using var officer = await host.SignedInAsync();
        var csv = (await officer.GetStringAsync(new Uri("/credit/customers/c1/invoices.csv", UriKind.Relative))).TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

        Assert.Equal(
            [
                "Invoice,Issued,Due,Amount,Open,Currency,Days late,Dunning",
                "i2,2026-02-10,2026-03-12,20000,15000,CNY,8,booked",
                "i1,2026-01-05,2026-02-04,10000,0,CNY,,settled",
            ],
            csv);
        foreach (var path in new[] { "/credit/dashboard/nothing.csv", "/credit/dashboard/aging.pdf", "/credit/customers/nobody/invoices.csv" })
        {
            using var missing = await officer.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var visitor = host.Visitor();
        using var refused = await visitor.GetAsync(new Uri("/credit/dashboard/aging.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
    }
}
