using System.Net;
using System.Text.RegularExpressions;
using CreditFlow.Host.Tests.Security;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>The receivables dashboard over HTTP on the known book of <see cref="DashboardHost"/>.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardHost host)
{
    [Fact]
    public async Task SignedIn_ShowsWhatIsOwedAndHowLate_WithTheTablesBehindTheCharts()
    {
        using var officer = await host.SignedInAsync();
        using var response = await officer.GetAsync(new Uri("/credit/dashboard", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("As of <time datetime=\"2026-03-20\">20 Mar 2026</time>, in CNY", page, StringComparison.Ordinal);

        // Key figures: 90,000 open over 4 invoices and 3 customers; 50,000 overdue (55.6%); 2 of 3 customers past term; one dispute.
        Assert.Equal("CNY 90,000", Kpi(page, "kpi-open"));
        Assert.Contains("4 invoices · 3 customers", Section(page, "kpi-open"), StringComparison.Ordinal);
        Assert.Equal("CNY 50,000", Kpi(page, "kpi-overdue"));
        Assert.Contains("55.6%</span> of what is owed", Section(page, "kpi-overdue"), StringComparison.Ordinal);
        Assert.Equal("38.5 days", Text(Section(page, "kpi-dso"), "value")); // over January to 20 March (the domain test works it out)
        Assert.Equal("16.7%", Text(Section(page, "kpi-on-time"), "value"));
        Assert.Contains("class=\"kpi bad\" id=\"kpi-on-time\"", page, StringComparison.Ordinal);
        Assert.Equal("2 of 3", Text(Section(page, "kpi-past-term"), "value"));
        Assert.Equal("1", Text(Section(page, "kpi-disputed"), "value"));

        // March's collection: i2 (20,000, 5,000 paid) and i4 (40,000) fall due in it: 5,000 of 60,000 collected.
        Assert.Equal("8.3%", Kpi(page, "kpi-month-collection"));
        Assert.Contains("CNY 5,000</span> of <span", Section(page, "kpi-month-collection"), StringComparison.Ordinal);

        // Team KPIs: nothing written off, the one warning answered late, nothing in special collection, one new risk customer.
        Assert.Equal("0.0%", Kpi(page, "kpi-bad-debt"));
        Assert.Contains("class=\"kpi good\" id=\"kpi-bad-debt\"", page, StringComparison.Ordinal);
        Assert.Equal("0.0%", Kpi(page, "kpi-warning-response"));
        Assert.Contains("class=\"kpi bad\" id=\"kpi-warning-response\"", page, StringComparison.Ordinal);
        Assert.Contains("of 1 raised in 90 days", Section(page, "kpi-warning-response"), StringComparison.Ordinal);
        Assert.Equal("CNY 0", Kpi(page, "kpi-special-collection"));
        Assert.Equal("1", Kpi(page, "kpi-new-risk"));

        // Aging table: current 40,000; 1-30 45,000; 91-180 5,000.
        var aging = Section(page, "aging");
        Assert.Contains("<tr><td>current</td><td class=\"num\">" + Money(40_000m) + "</td><td class=\"num\">" + Percent(40_000m / 90_000m, "44.4%") + "</td></tr>", aging, StringComparison.Ordinal);
        Assert.Contains("<tr><td>1-30</td><td class=\"num\">" + Money(45_000m) + "</td><td class=\"num\">" + Percent(45_000m / 90_000m, "50.0%") + "</td></tr>", aging, StringComparison.Ordinal);
        Assert.Contains("<tr><td>91-180</td><td class=\"num\">" + Money(5_000m) + "</td><td class=\"num\">" + Percent(5_000m / 90_000m, "5.6%") + "</td></tr>", aging, StringComparison.Ordinal);

        // Most overdue: Ningbo (35,000) before Jiangsu (15,000); Hangzhou owes nothing overdue and is not listed.
        var most = Section(page, "most-overdue");
        Assert.True(most.IndexOf("Ningbo Seaside Trading Co.", StringComparison.Ordinal) < most.IndexOf("Jiangsu Hengtong Cable Co.", StringComparison.Ordinal));
        Assert.Contains(Money(35_000m), most, StringComparison.Ordinal);
        Assert.DoesNotContain("Hangzhou Westlake Textiles", most, StringComparison.Ordinal);

        // The charts' figures travel as JSON in a data block; scripts come only from /assets.
        Assert.Contains("\"aging\":{\"labels\":[\"current\",\"1-30\",\"31-60\",\"61-90\",\"91-180\",\"\\u003E180\"],\"amounts\":[40000,45000,0,0,5000,0]}", page, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("Currency", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/credit/dashboard?currency=USD\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreditBook_SetsLimitsAndExposureAgainstTheTotalLine_AndShowsWhereTheHighRiskCustomersAre()
    {
        using var officer = await host.SignedInAsync();
        var page = await officer.GetStringAsync(new Uri("/credit/dashboard", UriKind.Relative));
        var book = Section(page, "credit-book");

        // When the book was read is a time element the script shows in the reader's locale and zone.
        TimeElements.AllIn(page, atLeast: 1);
        Assert.Matches(@" · read <time datetime=""\d{4}-\d{2}-\d{2}T[^""]+"">[^<]+ UTC</time> · ", book);

        // 300,000 granted on a line of 250,000: over it, and each limit would be scaled to 83.3%.
        Assert.Contains(Money(250_000m), Between(book, "id=\"book-line\"", "</div>"), StringComparison.Ordinal);
        var granted = Between(book, "id=\"book-granted\"", "id=\"book-exposure\"");
        Assert.Contains(Money(300_000m), granted, StringComparison.Ordinal);
        Assert.Contains(Percent(1.2m, "120.0%") + " of the line", granted, StringComparison.Ordinal);
        Assert.Contains("<span class=\"over\" data-share=\"100\">", granted, StringComparison.Ordinal);
        var over = WebUtility.HtmlDecode(Regex.Replace(Between(book, "id=\"over-line\"", "</p>"), "<[^>]+>", string.Empty));
        Assert.Contains("exceed the total credit line by CNY 50,000: scaled down to 83.3% each", Regex.Replace(over, @"\s+", " "), StringComparison.Ordinal);

        // Exposure 112,000 of the line: 44.8%, 138,000 left; the high-risk part is Ningbo Seaside's (class C) 57,000.
        var exposure = Between(book, "id=\"book-exposure\"", "id=\"book-high-risk\"");
        Assert.Contains(Money(112_000m), exposure, StringComparison.Ordinal);
        Assert.Contains(Percent(0.448m, "44.8%") + " of the line · " + Money(138_000m) + " left", exposure, StringComparison.Ordinal);
        var risk = Between(book, "id=\"book-high-risk\"", "</dl>");
        Assert.Contains("High risk (class C, D)", risk, StringComparison.Ordinal);
        Assert.Contains(Money(57_000m), risk, StringComparison.Ordinal);
        Assert.Contains("1 of 3 customers", risk, StringComparison.Ordinal);

        // By class, each with its limits and exposure; by industry, the riskiest first.
        var classes = Between(book, "id=\"book-classes\"", "</table>");
        Assert.Contains("<tr data-class=\"A\"><td>A</td><td class=\"num\">1</td><td class=\"num\">" + Money(200_000m) + "</td><td class=\"num\">" + Money(40_000m) + "</td>", classes, StringComparison.Ordinal);
        Assert.Contains("<tr data-class=\"C\"><td>C</td><td class=\"num\">1</td><td class=\"num\">" + Money(100_000m) + "</td><td class=\"num\">" + Money(57_000m) + "</td>", classes, StringComparison.Ordinal);
        Assert.Contains("<tr data-class=\"unrated\"><td>unrated</td><td class=\"num\">1</td><td class=\"num\">" + Money(0m) + "</td><td class=\"num\">" + Money(15_000m) + "</td>", classes, StringComparison.Ordinal);
        var industries = Between(book, "id=\"book-industries\"", "</table>");
        Assert.True(industries.IndexOf("data-industry=\"Manufacturing\"", StringComparison.Ordinal) < industries.IndexOf("data-industry=\"Textiles\"", StringComparison.Ordinal), "the industry with high-risk exposure first");
        Assert.Contains("\"industries\":{\"labels\":[\"Manufacturing\",\"Textiles\"],\"highRisk\":[57000,0],\"rest\":[15000,40000]}", page, StringComparison.Ordinal);

        // By region, from the credit codes: Ningbo Seaside's 57,000 high-risk and Hangzhou's 40,000 in Zhejiang, Jiangsu Hengtong's 15,000.
        var regions = Between(book, "id=\"book-regions\"", "</table>");
        Assert.Contains("<tr data-region=\"Zhejiang\"><td>Zhejiang</td><td class=\"num\">2</td><td class=\"num\">" + Money(97_000m) + "</td><td class=\"num\">1</td><td class=\"num\">" + Money(57_000m) + "</td>", regions, StringComparison.Ordinal);
        Assert.Contains("\"regions\":{\"labels\":[\"Zhejiang\",\"Jiangsu\"],\"highRisk\":[57000,0],\"rest\":[40000,15000]}", page, StringComparison.Ordinal);

        // Who: the one high-risk customer, with how much of its limit it uses.
        var who = Between(book, "id=\"book-high-risk-customers\"", "</table>");
        var ningbo = Between(who, "data-customer=\"c2\"", "</tr>");
        Assert.Contains("Ningbo Seaside Trading Co.", ningbo, StringComparison.Ordinal);
        Assert.Contains("<td>C</td>", ningbo, StringComparison.Ordinal);
        Assert.Contains(Money(57_000m), ningbo, StringComparison.Ordinal);
        Assert.Contains(Percent(0.57m, "57.0%"), ningbo, StringComparison.Ordinal);
        Assert.DoesNotContain("data-customer=\"c3\"", who, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCurrency_ShowsItsOwnFigures()
    {
        using var officer = await host.SignedInAsync();
        var page = await officer.GetStringAsync(new Uri("/credit/dashboard?currency=usd", UriKind.Relative));

        Assert.Contains(", in USD", page, StringComparison.Ordinal);
        Assert.Equal("USD 2,500", Kpi(page, "kpi-open"));
        Assert.Contains("Pacific Rim Imports", Section(page, "most-overdue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotSignedIn_GoesToTheSignInForm_AndSigningInLandsOnTheDashboard()
    {
        using var visitor = host.Visitor();
        using var response = await visitor.GetAsync(new Uri("/credit/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/credit/sign-in?next=%2Fcredit%2Fdashboard", response.Headers.Location!.OriginalString);

        using var signedIn = await visitor.PostFormAsync("/credit/sign-in", "/credit/sign-in", ("key", DashboardHost.OfficerKey));
        Assert.Equal("/credit/dashboard", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Assets_AreServedWithTheirHash_AndUnknownOnesAreNotFound()
    {
        using var officer = await host.SignedInAsync();
        var page = await officer.GetStringAsync(new Uri("/credit/dashboard", UriKind.Relative));
        var chart = AssetAddress().Match(page);
        Assert.True(chart.Success, "the page names Chart.js under /assets with a hash");

        using var script = await officer.GetAsync(new Uri(chart.Value, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", script.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Chart.js", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = await officer.GetAsync(new Uri("/assets/nothing.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static string Percent(decimal share, string text) =>
        $"<span data-percent=\"{share.ToString(System.Globalization.CultureInfo.InvariantCulture)}\">{text}</span>";

    private static string Money(decimal amount) =>
        $"<span class=\"money\" data-money=\"{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" data-currency=\"CNY\" data-whole=\"true\">CNY {amount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}</span>";

    /// <summary>The element with <paramref name="id"/> and what follows up to the next section of the page.</summary>
    private static string Section(string page, string id)
    {
        var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no element {id}");
        var end = page.IndexOf("</article>", start, StringComparison.Ordinal) is var a and > 0 && id.StartsWith("kpi-", StringComparison.Ordinal) ? a : page.IndexOf("</section>", start, StringComparison.Ordinal);
        return page[start..end];
    }

    private static string Between(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {from}");
        var end = html.IndexOf(to, start, StringComparison.Ordinal);
        Assert.True(end >= 0, $"nothing after {from} ends with {to}");
        return html[start..end];
    }

    /// <summary>The text of the first element of <paramref name="cssClass"/>, tags removed.</summary>
    private static string Text(string html, string cssClass)
    {
        var match = Regex.Match(html, $"class=\"{cssClass}\">(.*?)</p>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no {cssClass}");
        return Regex.Replace(match.Groups[1].Value, "<[^>]+>", string.Empty).Trim();
    }

    private static string Kpi(string page, string id) => Text(Section(page, id), "value");

    [GeneratedRegex(@"/assets/chart\.umd\.min\.js\?v=[0-9a-f]{12}")]
    private static partial Regex AssetAddress();
}
