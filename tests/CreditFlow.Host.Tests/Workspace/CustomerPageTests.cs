using System.Net;
using System.Text.RegularExpressions;
using CreditFlow.Host.Tests.Security;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>Finding a customer and its page, over HTTP on the known book of <see cref="DashboardHost"/>.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CustomerPageTests(DashboardHost host)
{
    [Fact]
    public async Task CustomerPage_ShowsItsCredit_WhatItOwesAndHowLate_ItsTask_AndOneTimeline()
    {
        using var officer = await host.SignedInAsync();
        using var response = await officer.GetAsync(new Uri("/credit/customers/c2", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Ningbo Seaside Trading Co.</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"chip status-active\" id=\"status\">active</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"chip class\" id=\"class\">class C</span>", page, StringComparison.Ordinal);
        var limit = WebUtility.HtmlDecode(Between(page, "id=\"kpi-limit\"", "</article>"));
        Assert.Contains(">CNY 100,000</span>", limit, StringComparison.Ordinal);
        Assert.Contains("60 days' term", limit, StringComparison.Ordinal);

        // It owes 35,000, all of it overdue: i3 29 days and disputed, i6 109 days.
        Assert.Contains(">CNY 35,000</span>", Between(page, "id=\"kpi-overdue\"", "</article>"), StringComparison.Ordinal);
        var invoices = Between(page, "id=\"invoices\"", "</section>");
        Assert.True(invoices.IndexOf("data-invoice=\"i6\"", StringComparison.Ordinal) < invoices.IndexOf("data-invoice=\"i3\"", StringComparison.Ordinal), "open invoices by due date");
        Assert.Contains("<td class=\"num\" data-sort=\"109\">109</td>", Row(invoices, "i6"), StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-sort=\"29\">29</td>", Row(invoices, "i3"), StringComparison.Ordinal);
        Assert.Contains("· disputed", WebUtility.HtmlDecode(Row(invoices, "i3")), StringComparison.Ordinal);
        Assert.Contains("class=\"late\"", Row(invoices, "i3"), StringComparison.Ordinal);

        // Its group: Jiangsu Hengtong, under the same controller.
        var group = WebUtility.HtmlDecode(Between(page, "id=\"group\"", "</section>"));
        Assert.Contains("Controlled by Xu Ming, with 1 other company", group, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/customers/c1\">Jiangsu Hengtong Cable Co.</a>", group, StringComparison.Ordinal);

        Assert.Contains("Call Ningbo Seaside about invoice i6 (109 days overdue)", WebUtility.HtmlDecode(Between(page, "id=\"tasks\"", "</section>")), StringComparison.Ordinal);
        Assert.Contains("Active: limit 100,000 CNY, 60 days", WebUtility.HtmlDecode(Between(page, "id=\"decisions\"", "</section>")), StringComparison.Ordinal);

        // The timeline, newest first: the dispute (25 Feb) before the invoice i3 (20 Jan), the grant before both.
        var timeline = WebUtility.HtmlDecode(Between(page, "id=\"timeline\"", "</section>"));
        var dispute = timeline.IndexOf("dispute on i3: goods damaged in transit — customer", StringComparison.Ordinal);
        var issued = timeline.IndexOf("invoice i3 of CNY 30,000, due 19 Feb 2026", StringComparison.Ordinal);
        var granted = timeline.IndexOf("Active: limit 100,000 CNY, 60 days — granted after the trial period", StringComparison.Ordinal);
        Assert.True(dispute >= 0 && issued > dispute && granted > issued, "timeline newest first: dispute, invoice, grant");
    }

    [Fact]
    public async Task CustomerPage_SaysWhetherItsCustomerIsCore_ByItsSalesOfTheLastThreeYears()
    {
        // Invoiced in CNY: Hangzhou Westlake 40,000, Ningbo Seaside 35,000, Jiangsu Hengtong 30,000 = 105,000. Ranked above
        // Ningbo Seaside: 38% (core); above Jiangsu Hengtong: 71% (past the 70% line, not core).
        using var officer = await host.SignedInAsync();
        var seaside = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri("/credit/customers/c2", UriKind.Relative)));
        var hengtong = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri("/credit/customers/c1", UriKind.Relative)));

        Assert.Contains("<span class=\"chip core\" id=\"core-chip\">core customer</span>", seaside, StringComparison.Ordinal);
        Assert.Matches("A core customer: invoiced <span class=\"money\"[^>]*>CNY 35,000</span> over the last 3 years;\\s*the core customers \\(2 of 3\\) make the first <span[^>]*>70.0%</span> of sales", seaside);
        Assert.DoesNotContain("id=\"core-chip\"", hengtong, StringComparison.Ordinal);
        Assert.Matches("Not a core customer: invoiced <span class=\"money\"[^>]*>CNY 30,000</span> over the last 3 years", hengtong);
    }

    [Fact]
    public async Task CustomerPage_ShowsItsHolds_ItsScoresOverTime_AndItsApplicationsWithDocumentsToDownload()
    {
        using var officer = await host.SignedInAsync();
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri("/credit/customers/c2", UriKind.Relative)));

        // The open hold first, then the decided one with who released it and why.
        var holds = Between(page, "id=\"holds\"", "</section>");
        Assert.True(holds.IndexOf("data-hold=\"h-o9\"", StringComparison.Ordinal) < holds.IndexOf("data-hold=\"h-s7\"", StringComparison.Ordinal), "open holds first");
        Assert.Contains("order o9", RowMarked(holds, "data-hold=\"h-o9\""), StringComparison.Ordinal);
        Assert.Contains("credit manager", RowMarked(holds, "data-hold=\"h-o9\""), StringComparison.Ordinal);
        Assert.Contains("<td>waiting</td>", RowMarked(holds, "data-hold=\"h-o9\""), StringComparison.Ordinal);
        Assert.Contains(
            "released by Wu Fang on <time datetime=\"2026-02-10T11:00:00.0000000+00:00\">Tue 10 Feb 2026, 11:00 UTC</time>: customer paid i5 this morning",
            RowMarked(holds, "data-hold=\"h-s7\""),
            StringComparison.Ordinal);
        Assert.Contains("order o9 of CNY 12,000 held for the credit manager: i6 is 109 days past due", Between(page, "id=\"timeline\"", "</section>"), StringComparison.Ordinal);

        // Onboarding scored it 64.5 (B), its first review 58 (C): oldest first, in the table and the chart's figures.
        var scores = Between(page, "id=\"score-table\"", "</table>");
        var onboarding = scores.IndexOf("onboarding (trial)", StringComparison.Ordinal);
        var review = scores.IndexOf("review 1 (scheduled)", StringComparison.Ordinal);
        Assert.True(onboarding >= 0 && review > onboarding, "scores oldest first");
        Assert.Matches("<td class=\"num\">58</td>\\s*<td>C</td>\\s*<td>scorecard/2</td>\\s*<td>version 2</td>", scores);
        Assert.Matches("<td class=\"num\">64.5</td>\\s*<td>B</td>\\s*<td>scorecard/2</td>\\s*<td>version 1</td>", scores);
        Assert.Contains("\"score\":58,\"class\":\"C\"", Between(page, "id=\"score-data\">", "</script>"), StringComparison.Ordinal);

        // The application links to its page and its document downloads as the file it was uploaded as.
        var applications = Between(page, "id=\"applications\"", "</section>");
        Assert.Contains("<a href=\"/credit/applications/a-c2\">a-c2</a>", applications, StringComparison.Ordinal);
        var link = Between(applications, "<a href=\"/credit/customers/c2/documents/a-c2/", "\" download>")["<a href=\"".Length..];
        Assert.Contains(">balance-sheet-2025.pdf</a>", applications, StringComparison.Ordinal);
        using var download = await officer.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("balance-sheet-2025.pdf", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("balance sheet 2025", await download.Content.ReadAsStringAsync());

        // Only through the customer whose application it is: Jiangsu Hengtong's contract opens on its own page, not on Ningbo's.
        using var foreign = await officer.GetAsync(new Uri(link.Replace("/customers/c2/", "/customers/c1/", StringComparison.Ordinal), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var itsOwn = await officer.GetAsync(new Uri($"/credit/customers/c1/documents/a-c1/{host.OtherCustomersDocument}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, itsOwn.StatusCode);
        using var throughAnother = await officer.GetAsync(new Uri($"/credit/customers/c2/documents/a-c1/{host.OtherCustomersDocument}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, throughAnother.StatusCode);
        using var visitor = host.Visitor();
        using var anonymous = await visitor.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, anonymous.StatusCode);
    }

    [Fact]
    public async Task CustomerPage_EveryTimeAndDate_IsATimeElementTheScriptShowsInTheReadersLocale_ReadableWithoutIt()
    {
        using var officer = await host.SignedInAsync();
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri("/credit/customers/c2", UriKind.Relative)));
        var body = page[page.IndexOf("<main", StringComparison.Ordinal)..page.IndexOf("</main>", StringComparison.Ordinal)];

        // Moments (held, scored, filed, due, raised, decided, in the timeline) and days standing alone (issued, due, paid;
        // not those inside a sentence, e.g. the timeline's "due 19 Feb 2026") as the server writes them.
        var moments = Regex.Matches(body, @"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}( UTC)?");
        var days = Regex.Matches(body, @"(?<![\w ])\d{1,2} [A-Z][a-z]{2} \d{4}(?!,)");
        Assert.True(moments.Count >= 8, $"moments on the page: {moments.Count}");
        Assert.All(moments, m => Assert.Matches("<time datetime=\"\\d{4}-\\d{2}-\\d{2}T[^\"]+\">$", body[..m.Index]));
        Assert.All(moments, m => Assert.EndsWith(" UTC", m.Value, StringComparison.Ordinal));
        Assert.True(days.Count >= 4, $"days on the page: {days.Count}");
        Assert.All(days, d => Assert.Matches("<time datetime=\"\\d{4}-\\d{2}-\\d{2}\">$", body[..d.Index]));
    }

    [Fact]
    public async Task AddDocument_ToTheCustomersApplication_IsListedAndDownloads_ThroughAnotherCustomer404_WithoutAKindNothingStored()
    {
        using var officer = await host.SignedInAsync();
        static MultipartFormDataContent Upload(string? kind)
        {
            var file = new ByteArrayContent("guarantee signed by the owner"u8.ToArray());
            file.Headers.ContentType = new("application/pdf");
            var form = new MultipartFormDataContent { { file, "file", "guarantee-2026.pdf" } };
            if (kind is not null)
            {
                form.Add(new StringContent(kind), "kind");
            }

            return form;
        }

        using var throughAnother = await officer.PostFormAsync("/credit/customers/c1", "/credit/customers/c2/documents/a-c1", Upload("Contract"));
        using var withoutKind = await officer.PostFormAsync("/credit/customers/c1", "/credit/customers/c1/documents/a-c1", Upload(null));
        var refusedPage = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri(withoutKind.Headers.Location!.OriginalString, UriKind.Relative)));
        var before = Between(refusedPage, "id=\"applications\"", "</section>");
        using var added = await officer.PostFormAsync("/credit/customers/c1", "/credit/customers/c1/documents/a-c1", Upload("Contract"));
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri(added.Headers.Location!.OriginalString, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NotFound, throughAnother.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, withoutKind.StatusCode);
        Assert.Contains("Choose what the document is: financial statement or contract. Nothing was stored.", refusedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("guarantee-2026.pdf", before, StringComparison.Ordinal);
        Assert.Equal(("/credit/customers/c1", "applications"), (added.Headers.Location!.OriginalString.Split('#')[0], added.Headers.Location.OriginalString.Split('#')[1]));
        Assert.Contains($"Added guarantee-2026.pdf (contract) to application a-c1, as {DashboardHost.OfficerName}.", page, StringComparison.Ordinal);
        var applications = Between(page, "id=\"applications\"", "</section>");
        var link = System.Text.RegularExpressions.Regex.Match(applications, "href=\"(/credit/customers/c1/documents/a-c1/Contract/[^\"]+)\" download>guarantee-2026.pdf<").Groups[1].Value;
        Assert.Equal("guarantee signed by the owner", await officer.GetStringAsync(new Uri(link, UriKind.Relative)));
    }

    [Fact]
    public async Task Search_OneMatchOpensTheCustomer_SeveralAreListed_NoneIsSaid()
    {
        using var officer = await host.SignedInAsync();

        using var one = await officer.GetAsync(new Uri("/credit/customers?q=ningbo", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal("/credit/customers/c2", one.Headers.Location!.OriginalString);

        var several = await officer.GetStringAsync(new Uri("/credit/customers?q=Co.", UriKind.Relative));
        var found = Between(several, "id=\"found\"", "</table>");
        Assert.Contains("<a href=\"/credit/customers/c1\">Jiangsu Hengtong Cable Co.</a>", found, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/customers/c2\">Ningbo Seaside Trading Co.</a>", found, StringComparison.Ordinal);
        Assert.DoesNotContain("Hangzhou Westlake Textiles", found, StringComparison.Ordinal);

        var none = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri("/credit/customers?q=Shanghai", UriKind.Relative)));
        Assert.Contains("No customer matches “Shanghai”.", none, StringComparison.Ordinal);

        using var unknown = await officer.GetAsync(new Uri("/credit/customers/nobody", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No customer matches “nobody”.", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotSignedIn_TheCustomerPageSendsToSignIn()
    {
        using var visitor = host.Visitor();
        using var response = await visitor.GetAsync(new Uri("/credit/customers/c2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/credit/sign-in?next=%2Fcredit%2Fcustomers%2Fc2", response.Headers.Location!.OriginalString);
    }

    private static string Between(string page, string from, string to)
    {
        var start = page.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {from}");
        return page[start..page.IndexOf(to, start, StringComparison.Ordinal)];
    }

    private static string Row(string table, string invoice) => RowMarked(table, $"data-invoice=\"{invoice}\"");

    private static string RowMarked(string table, string marker)
    {
        var start = table.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row {marker}");
        var rowStart = table.LastIndexOf("<tr", start, StringComparison.Ordinal);
        return table[rowStart..table.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
