using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Workspace;
using CreditFlow.Testing;

namespace CreditFlow.Host.Tests.Blacklist;

/// <summary>The blacklist page over HTTP like a browser, on a host of its own: a long list shown 50 entries a page.</summary>
public sealed partial class BlacklistPageTests(BlacklistHost host) : IClassFixture<BlacklistHost>
{
    [Fact]
    public async Task Show_ALongList_FiftyAPage_TheWayThroughKeepsTheSource_AndAPageThatIsNoNumberIsSaid()
    {
        var industry = new StringBuilder("registrationNumber,name,reason\r\n");
        for (var i = 0; i < 51; i++)
        {
            industry.Append($"{UniqueName.For("IND")},Listed Company {i},association list 2026-03\r\n");
        }

        using (var imported = await host.ImportAsync(CreditRole.CreditManager, industry.ToString()))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var officer = await host.SignedInAsync(CreditRole.CreditOfficer);

        var first = await PageAsync(officer, "/credit/blacklist");
        var second = await PageAsync(officer, "/credit/blacklist?page=2");
        var industrySecond = await PageAsync(officer, "/credit/blacklist?source=industryList&page=2");
        var beyond = await PageAsync(officer, "/credit/blacklist?page=99");
        var bad = await PageAsync(officer, "/credit/blacklist?page=two");

        Assert.Equal(50, Rows(first));
        Assert.Contains("Rows 1–50 of 51", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/credit/blacklist?page=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Equal(1, Rows(second));
        Assert.Contains("Rows 51–51 of 51", second, StringComparison.Ordinal);
        Assert.Equal(1, Rows(industrySecond));
        Assert.Contains("href=\"/credit/blacklist?source=industryList&amp;page=1\" rel=\"first\"", industrySecond, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", beyond, StringComparison.Ordinal);
        Assert.Equal(50, Rows(bad));
        Assert.Contains("The page must be a whole number from 1 (was &quot;two&quot;); showing the first.", bad, StringComparison.Ordinal);
        // Every company is on one of the pages, once.
        var numbers = Numbers(first).Concat(Numbers(second)).ToList();
        Assert.Equal(51, numbers.Distinct(StringComparer.Ordinal).Count());

        // When each was added is a time element the script shows in the reader's locale and zone.
        TimeElements.AllIn(first, atLeast: 50);
        Assert.Equal(50, Regex.Count(first, "<td class=\"when\"><time datetime=\"\\d{4}-\\d{2}-\\d{2}T"));
    }

    private static int Rows(string page) => Numbers(page).Count();

    private static IEnumerable<string> Numbers(string page) => EntryRow().Matches(page).Select(m => m.Groups[1].Value);

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<tr data-number=\"([^\"]+)\"")]
    private static partial Regex EntryRow();
}
