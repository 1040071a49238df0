using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>
/// The invoices page <c>/credit/invoices</c> over HTTP, on the known book of <see cref="DashboardHost"/> (as of 20 March
/// 2026: i6 109 days late and i3 29 days late and disputed at Ningbo Seaside, u1 USD 2,500 17 days late, i2 15,000 of
/// 20,000 open 8 days late, i4 not yet due, i1 paid) and, for paging, on a book of its own.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class InvoicesPageTests(DashboardHost host)
{
    private const string Header = "Customer id,Customer,Invoice,Issued,Due,Amount,Open,Currency,Days overdue,Dunning,Next step,Next step on,Disputed,Promised for";

    [Fact]
    public async Task Show_TheOpenInvoicesAcrossCustomers_LongestOverdueFirst_WithWhatIsOpenAndWhatTheCustomerSaid_TheSettledByStatus()
    {
        using var officer = await host.SignedInAsync();
        using var response = await officer.GetAsync(new Uri("/credit/invoices", UriKind.Relative));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // In the navigation after the customers, and the page shown.
        var nav = Between(page, "<nav aria-label=\"Workspace\">", "</nav>");
        Assert.Contains("<a href=\"/credit/invoices\" class=\"on\" aria-current=\"page\">Invoices</a>", nav, StringComparison.Ordinal);
        Assert.True(nav.IndexOf(">Customers</a>", StringComparison.Ordinal) < nav.IndexOf(">Invoices</a>", StringComparison.Ordinal)
            && nav.IndexOf(">Invoices</a>", StringComparison.Ordinal) < nav.IndexOf(">Holds</a>", StringComparison.Ordinal), "Invoices between Customers and Holds");

        // The open ones (read from the receivables summaries); i1, paid, is not among them.
        Assert.Equal(["i6", "i3", "u1", "i2", "i4"], Invoices(page));
        Assert.Contains("<b>5</b> invoices", page, StringComparison.Ordinal);
        Assert.Contains("The open invoices across customers, the longest overdue first", page, StringComparison.Ordinal);
        Assert.Contains("<b>4</b> overdue", page, StringComparison.Ordinal);
        Assert.Contains("<b>1</b> disputed", page, StringComparison.Ordinal);
        var totals = Between(page, "id=\"open-totals\"", "</p>");
        Assert.Contains(">CNY 90,000</span>", totals, StringComparison.Ordinal);
        Assert.Contains(">USD 2,500</span>", totals, StringComparison.Ordinal);

        var i3 = Row(page, "i3");
        Assert.Contains("<a href=\"/credit/customers/c2\"><b>Ningbo Seaside Trading Co.</b></a>", i3, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num days\" data-sort=\"29\">29</td>", i3, StringComparison.Ordinal);
        Assert.Contains("<span class=\"chip disputed\">disputed</span>", i3, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-02-19\">19 Feb 2026</time>", i3, StringComparison.Ordinal);
        Assert.StartsWith("<tr class=\"past-due\"", i3, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num days\" data-sort=\"109\">109</td>", Row(page, "i6"), StringComparison.Ordinal);
        // Partly paid: what is left of 20,000.
        var i2 = Row(page, "i2");
        Assert.Contains("<td class=\"num open\" data-sort=\"15000\">", i2, StringComparison.Ordinal);
        Assert.Contains("data-currency=\"CNY\">CNY 15,000</span>", i2, StringComparison.Ordinal);
        Assert.Contains("<td class=\"standing\">booked</td>", Row(page, "i4"), StringComparison.Ordinal);
        Assert.DoesNotContain("past-due", Row(page, "i4"), StringComparison.Ordinal);

        // One page holds them all, so its columns sort; the downloads have the whole list.
        Assert.Contains("<table class=\"figures invoices sortable\" id=\"invoices\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"invoices-pager\"", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/invoices.csv\" download>CSV</a>", page, StringComparison.Ordinal);

        // A customer's list has its settled invoices too (read from the invoices themselves), after the open ones.
        var hengtong = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri("/credit/invoices?customerId=c1", UriKind.Relative)));
        Assert.Equal(["i2", "i1"], Invoices(hengtong));
        var i1 = Row(hengtong, "i1");
        Assert.StartsWith("<tr class=\"settled\"", i1, StringComparison.Ordinal);
        Assert.Contains("<td class=\"standing\">settled</td>", i1, StringComparison.Ordinal);
        Assert.Contains("Every invoice dunning follows · the open ones longest overdue first", hengtong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_OverdueOnly_OneCustomer_OrAStatus_ListsWhatTheFiltersMatch_AndABadFilterIsNamed()
    {
        using var officer = await host.SignedInAsync();

        var overdue = await PageAsync(officer, "/credit/invoices?overdue=true");
        Assert.Equal(["i6", "i3", "u1", "i2"], Invoices(overdue));
        Assert.Contains("id=\"filter-overdue\" value=\"true\" checked", overdue, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/invoices.xlsx?overdue=true\" download>Excel</a>", overdue, StringComparison.Ordinal);

        var ningbo = await PageAsync(officer, "/credit/invoices?customerId=c2");
        Assert.Equal(["i6", "i3"], Invoices(ningbo));
        Assert.Contains("<h1>Invoices of Ningbo Seaside Trading Co.</h1>", ningbo, StringComparison.Ordinal);
        Assert.Contains("id=\"filter-customer\" value=\"c2\"", ningbo, StringComparison.Ordinal);

        var hengtong = await PageAsync(officer, "/credit/invoices?customerId=c1&status=notyetlooked");
        Assert.Equal(["i2", "i1"], Invoices(hengtong));
        Assert.Contains("<option value=\"NotYetLooked\" selected>booked, not yet looked at</option>", hengtong, StringComparison.Ordinal);

        var none = await PageAsync(officer, "/credit/invoices?customerId=c3&overdue=true");
        Assert.Empty(Invoices(none));
        Assert.Contains("No invoice matches these filters. Clear them to see every invoice.", none, StringComparison.Ordinal);
        Assert.Contains("<b>0</b> invoices", none, StringComparison.Ordinal);

        var nobody = await PageAsync(officer, "/credit/invoices?customerId=nobody");
        Assert.Contains("No customer on file fits “nobody”, and no invoice is booked under that id.", nobody, StringComparison.Ordinal);

        // A customer by a part of its name: the one it fits, kept by its id in the downloads.
        var westlake = await PageAsync(officer, "/credit/invoices?customerId=westlake");
        Assert.Equal(["i4"], Invoices(westlake));
        Assert.Contains("<h1>Invoices of Hangzhou Westlake Textiles</h1>", westlake, StringComparison.Ordinal);
        Assert.Contains("id=\"filter-customer\" value=\"westlake\"", westlake, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/invoices.csv?customerId=c3\" download>CSV</a>", westlake, StringComparison.Ordinal);

        // A part that fits several: pick one, the other filters kept.
        var several = await PageAsync(officer, "/credit/invoices?customerId=co.&overdue=true");
        Assert.Empty(Invoices(several));
        var candidates = Between(several, "id=\"customer-candidates\"", "</div>");
        Assert.Contains("“co.” fits 2 customers: pick one to see its invoices.", candidates, StringComparison.Ordinal);
        Assert.True(
            candidates.IndexOf("<a href=\"/credit/invoices?customerId=c1&overdue=true\">Jiangsu Hengtong Cable Co.</a>", StringComparison.Ordinal) is var c1 and >= 0
            && candidates.IndexOf("<a href=\"/credit/invoices?customerId=c2&overdue=true\">Ningbo Seaside Trading Co.</a>", StringComparison.Ordinal) > c1,
            "both candidates by name, each a link keeping the overdue filter");

        var badStatus = await PageAsync(officer, "/credit/invoices?status=late&overdue=maybe");
        Assert.Empty(Invoices(badStatus));
        Assert.Contains("Dunning status: must be one of Running, PausedByDispute, AwaitingPromise, Settled, Completed, NotYetLooked.", badStatus, StringComparison.Ordinal);
        Assert.Contains("Overdue: must be true or false.", badStatus, StringComparison.Ordinal);
        Assert.Contains("Nothing is listed until the filters above are mended.", badStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AsCsvAndExcel_HasEveryInvoiceTheFiltersMatch()
    {
        using var officer = await host.SignedInAsync();
        using var response = await officer.GetAsync(new Uri("/credit/invoices.csv?overdue=true", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("invoices-2026-03-20.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(
            [
                Header,
                "c2,Ningbo Seaside Trading Co.,i6,2025-11-01,2025-12-01,5000,5000,CNY,109,booked,,,,",
                "c2,Ningbo Seaside Trading Co.,i3,2026-01-20,2026-02-19,30000,30000,CNY,29,booked,,,yes,",
                "c4,Pacific Rim Imports,u1,2026-02-01,2026-03-03,2500,2500,USD,17,booked,,,,",
                "c1,Jiangsu Hengtong Cable Co.,i2,2026-02-10,2026-03-12,20000,15000,CNY,8,booked,,,,",
            ],
            Lines(await response.Content.ReadAsByteArrayAsync()));

        using var excel = await officer.GetAsync(new Uri("/credit/invoices.xlsx?customerId=c2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        await using var workbook = new MemoryStream(await excel.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(workbook, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["i6", "i3"], rows.Select(r => r["Invoice"]?.ToString()));
        Assert.Equal([5000d, 30000d], rows.Select(r => Convert.ToDouble(r["Open"], System.Globalization.CultureInfo.InvariantCulture)));

        using var unknownFormat = await officer.GetAsync(new Uri("/credit/invoices.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownFormat.StatusCode);
        using var badFilter = await officer.GetAsync(new Uri("/credit/invoices.csv?status=late", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("\"status\":[\"must be one of", await badFilter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var twoCustomers = await officer.GetAsync(new Uri("/credit/invoices.csv?customerId=co.", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, twoCustomers.StatusCode);
        Assert.Contains("fits 2 customers (c1, c2)", await twoCustomers.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/credit/invoices?overdue=true", "/credit/sign-in?next=%2Fcredit%2Finvoices%3Foverdue%3Dtrue")]
    [InlineData("/credit/invoices.csv", "/credit/sign-in?next=%2Fcredit%2Finvoices.csv")]
    public async Task NotSignedIn_ThePageAndItsExportSendToSignIn(string path, string signIn)
    {
        using var visitor = host.Visitor();
        using var response = await visitor.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(signIn, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Show_MoreThanFifty_FiftyAPage_TheFiltersKeptAcrossPages_AndTheExportHasThemAll()
    {
        // A book of its own: 55 invoices of one customer, falling due a day apart, and one of another.
        const string key = "invoices-paging-key-officer-0123456789abc";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        var azurite = await SharedAzurite.GetAsync();
        await using var own = await RunningHost.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["ApiKeys__0__Name"] = "Chen Jing",
                ["ApiKeys__0__Role"] = nameof(CreditRole.CreditOfficer),
                ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex(key),
            },
            overrideServices: services => services.AddSingleton<TimeProvider>(clock));
        await own.Services.GetRequiredService<CustomerRepository>().CreateAsync(new Customer("p1", "Wuxi Pearl Bearings", "9132p1", null, "Manufacturing", clock.GetUtcNow()));
        var store = own.Services.GetRequiredService<DunningStore>();
        var cny = new Currency("CNY");
        var first = new DateOnly(2026, 1, 1);
        for (var n = 1; n <= 55; n++)
        {
            var booked = DunningRecord.Booked("p1", $"p-{n:00}", first.AddDays(n - 31), first.AddDays(n), new Money(1_000m * n, cny));
            // The oldest is on the second step of its ladder, the final notice due next, and the customer promised to pay it.
            await store.AddAsync(n > 1 ? booked : booked with
            {
                Standing = new DunningStanding("Running", 2, "final-notice", new DateOnly(2026, 3, 25), 1_000m, clock.GetUtcNow()),
                Promises = [new PaymentPromise(new DateOnly(2026, 3, 18), new DateOnly(2026, 3, 31))],
            });
        }

        await store.AddAsync(DunningRecord.Booked("q1", "q-01", first, new DateOnly(2026, 4, 30), new Money(700m, cny)));
        using var officer = await FormPosts.SignedInToCreditAsync(own.Client.BaseAddress!, key);

        var firstPageAsSent = await officer.GetStringAsync(new Uri("/credit/invoices", UriKind.Relative));
        var firstPage = WebUtility.HtmlDecode(firstPageAsSent);
        var secondPage = await PageAsync(officer, "/credit/invoices?page=2");
        var ofP1 = await PageAsync(officer, "/credit/invoices?customerId=p1&page=2");
        var notANumber = await PageAsync(officer, "/credit/invoices?customerId=p1&page=x");
        var running = await PageAsync(officer, "/credit/invoices?status=Running");
        var csv = Lines(await officer.GetByteArrayAsync(new Uri("/credit/invoices.csv", UriKind.Relative)));

        // Longest overdue first: p-01 (due 2 Jan) to p-50 on the first page; p-51 to p-55, then q-01 (not yet due).
        var expected = Enumerable.Range(1, 55).Select(n => $"p-{n:00}").Append("q-01").ToList();
        Assert.Equal(expected.Take(50), Invoices(firstPage));
        Assert.Contains("Rows 1–50 of 56", firstPage, StringComparison.Ordinal);
        Assert.Contains("<b>56</b> invoices", firstPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/credit/invoices?page=2\" rel=\"next\"", firstPageAsSent, StringComparison.Ordinal);
        // Sorting one page of several would mislead: the server's order stands.
        Assert.Contains("<table class=\"figures invoices\" id=\"invoices\">", firstPage, StringComparison.Ordinal);
        var oldest = Row(firstPage, "p-01");
        Assert.Contains("<td class=\"standing\">running, level 2</td>", oldest, StringComparison.Ordinal);
        var next = Between(oldest, "<td class=\"next\"", "</td>");
        Assert.Contains("<span>final notice</span>", next, StringComparison.Ordinal);
        Assert.Contains("datetime=\"2026-03-25\">25 Mar 2026</time>", next, StringComparison.Ordinal);
        Assert.Contains("<span class=\"chip promised\">promised for <time datetime=\"2026-03-31\">31 Mar 2026</time></span>", oldest, StringComparison.Ordinal);
        Assert.Equal(["p-01"], Invoices(running));
        Assert.Equal(expected.Skip(50), Invoices(secondPage));
        Assert.DoesNotContain("rel=\"next\"", secondPage, StringComparison.Ordinal);

        Assert.Equal(expected.Skip(50).Take(5), Invoices(ofP1));
        Assert.Contains("Rows 51–55 of 55", ofP1, StringComparison.Ordinal);
        Assert.Contains("href=\"/credit/invoices?customerId=p1&page=1\" rel=\"first\"", ofP1, StringComparison.Ordinal);
        Assert.Contains("The page must be a whole number from 1 (was \"x\"); showing the first", notANumber, StringComparison.Ordinal);
        Assert.Equal(expected.Take(50), Invoices(notANumber));

        // The download is every invoice, not the page: 56 rows under the header, in the page's order.
        Assert.Equal(Header, csv[0]);
        Assert.Equal(expected, csv.Skip(1).Select(line => line.Split(',')[2]));
        Assert.Equal("p1,Wuxi Pearl Bearings,p-01,2025-12-02,2026-01-02,1000,1000,CNY,77,\"running, level 2\",final notice,2026-03-25,,2026-03-31", csv[1]);
        Assert.Equal("p1,Wuxi Pearl Bearings,p-02,2025-12-03,2026-01-03,2000,2000,CNY,76,booked,,,,", csv[2]);
    }

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The invoice ids the page lists, in its order.</summary>
    private static List<string> Invoices(string page) => InvoiceRow().Matches(page).Select(m => m.Groups[1].Value).ToList();

    private static string[] Lines(byte[] csv)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        return Encoding.UTF8.GetString(csv[3..]).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    private static string Between(string page, string from, string to)
    {
        var start = page.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {from}");
        return page[start..page.IndexOf(to, start, StringComparison.Ordinal)];
    }

    private static string Row(string page, string invoice)
    {
        var start = page.IndexOf($"data-invoice=\"{invoice}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row {invoice}");
        var rowStart = page.LastIndexOf("<tr", start, StringComparison.Ordinal);
        return page[rowStart..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr[^>]* data-invoice=\"([^\"]+)\"")]
    private static partial Regex InvoiceRow();
}
