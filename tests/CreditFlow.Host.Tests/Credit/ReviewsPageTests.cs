using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Host.Tests.Workspace;
using CreditFlow.Storage.Reviews;
using static CreditFlow.Host.Tests.Credit.ReviewsOnErpHost;
using static CreditFlow.Host.Tests.Credit.WarningsOnErpHost;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// The reviews page <c>/credit/reviews</c> over HTTP like a browser (cookies, no auto-redirect), signed in with an API
/// key: proposals awaiting approval and the schedule as the review workflows leave them on the ERP tests' host, and a
/// review asked for from the page.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class ReviewsPageTests(ErpHost erp)
{
    private const string FinanceKey = "erp-test-key-finance-0123456789abcdef";

    [Fact]
    public async Task Show_AProposalAwaitingApproval_BeforeToProposedWithItsApprover_AndAnOverdueReviewMarked()
    {
        var proposal = await erp.ProposalAwaitingApprovalAsync("Qingdao Harbour Machinery");
        // A schedule left behind by a review workflow that was down: its review was due three days ago.
        var late = await erp.CustomerAsync("Lanzhou Yellow River Foods");
        var due = erp.Clock.GetUtcNow().AddDays(-3);
        await erp.Reviews().ScheduleAsync(new ReviewSchedule(late, due, 0, false));
        using var officer = await erp.SignedInAsync(OfficerKey);

        var page = await PageAsync(officer, "/credit/reviews");

        var card = Between(page, $"<article class=\"proposal\" id=\"proposal-{proposal.CustomerId}\"", "</article>");
        Assert.Contains("Qingdao Harbour Machinery", card, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge up\">increase</span>", card, StringComparison.Ordinal);
        Assert.Contains("<span class=\"from\">B</span><span class=\"arrow\">→</span><span class=\"to up\">A</span>", card, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"from money\">1,000,000.00 CNY</span><span class=\"arrow\">→</span><span class=\"to up money\">{proposal.Proposal.Limit}</span>", card, StringComparison.Ordinal);
        Assert.Contains($"asked for by {ErpHost.OfficerName}: new statements: sales up 40%", card, StringComparison.Ordinal);
        Assert.All(proposal.Proposal.Reasons, r => Assert.Contains($"<li>{r}</li>", WebUtility.HtmlDecode(card), StringComparison.Ordinal));
        Assert.DoesNotContain("&#x2192;", card, StringComparison.Ordinal); // the findings' arrows as they are, not as numeric entities
        Assert.Contains("Waits for the <b class=\"role\">credit manager</b>", card, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"schedule-{proposal.CustomerId}\"", page, StringComparison.Ordinal);

        var row = Between(page, $"<tr class=\"overdue\" id=\"schedule-{late}\"", "</tr>");
        Assert.Contains("Lanzhou Yellow River Foods", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"late\">overdue by 3 d</span>", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"chip late\" id=\"overdue-count\">", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"chip awaiting\" id=\"awaiting-count\">", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/reviews\" class=\"on\" aria-current=\"page\">Reviews</a>", page, StringComparison.Ordinal);

        // Its times (now, the proposal's review and its asking, each schedule's next review) are time elements the script
        // shows in the reader's locale and zone.
        TimeElements.AllIn(page, atLeast: 4);
        Assert.Contains($"<td class=\"next\">{TimeElements.Of(due)}", WebUtility.HtmlDecode(row), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewNow_AsACreditOfficer_RunsAReviewAsThem_ListedByTheApiAndOnThePage()
    {
        var customer = await erp.ReviewedCustomerAsync("Taiyuan Coal Logistics", Sound);
        using var officer = await erp.SignedInAsync(OfficerKey);
        Assert.Contains(ReviewNowAction(customer), await PageAsync(officer, "/credit/reviews"), StringComparison.Ordinal);

        using var posted = await ReviewNowAsync(officer, customer, "new statements received");
        var flashed = await PageAsync(officer, posted.Headers.Location!.OriginalString);
        var listed = await EventuallyAsync(() => ApiReviewsAsync(customer, r => r.Length > 0), "the review in the API");

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains($"Asked for a review of Taiyuan Coal Logistics as {ErpHost.OfficerName} (credit officer): &quot;new statements received&quot;.", flashed, StringComparison.Ordinal);
        var review = Assert.Single(listed);
        Assert.Equal(($"asked for by {ErpHost.OfficerName}: new statements received", "NoChange"), (review.GetProperty("reason").GetString(), review.GetProperty("outcome").GetString()));
        var row = await EventuallyAsync(
            async () => Between(await PageAsync(officer, "/credit/reviews"), $"id=\"schedule-{customer}\"", "</tr>") is var r && r.Contains("review 1", StringComparison.Ordinal) ? r : null,
            "the review on the page");
        Assert.Contains("<span class=\"outcome same\">confirmed</span> class B, <span class=\"money\">1,000,000.00 CNY</span>", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewNow_Finance_SeesNoForm_AndAForgedPostIsRefused_NothingAsked()
    {
        var customer = await erp.ReviewedCustomerAsync("Shijiazhuang Plain Flour Mills", Sound);
        using var finance = await erp.SignedInAsync(FinanceKey);

        var page = await PageAsync(finance, "/credit/reviews");
        using var forged = await ReviewNowAsync(finance, customer, "curious");
        var refused = await PageAsync(finance, forged.Headers.Location!.OriginalString);

        Assert.Contains($"id=\"schedule-{customer}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("form class=\"review-now\"", page, StringComparison.Ordinal);
        Assert.Contains("you are signed in as finance", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, forged.StatusCode);
        Assert.Contains("class=\"flash error\"", refused, StringComparison.Ordinal);
        Assert.Contains("Only a credit officer, credit manager or the credit committee may ask for a review; you are signed in as Zhao Min (finance) (finance). Nothing was asked.", refused, StringComparison.Ordinal);

        // Had finance's request reached the workflow it would have been review 1; the officer's is.
        var review = await erp.ReviewNowAsync(customer, ErpHost.OfficerName, "quarter-end check");
        Assert.Equal((1, $"asked for by {ErpHost.OfficerName}: quarter-end check"), (review.Cycle, review.Reason));
    }

    [Fact]
    public async Task ReviewNow_WithoutReason_OrForACustomerWithoutReviews_SaysWhyNot()
    {
        var reviewed = await erp.ReviewedCustomerAsync("Harbin Ice City Brewery", Sound);
        var never = await erp.CustomerAsync("Hohhot Grassland Wool");
        using var manager = await erp.SignedInAsync(ManagerKey);

        using var blank = await ReviewNowAsync(manager, reviewed, "   ");
        var afterBlank = await PageAsync(manager, blank.Headers.Location!.OriginalString);
        using var none = await ReviewNowAsync(manager, never, "checking");
        var afterNone = await PageAsync(manager, none.Headers.Location!.OriginalString);

        Assert.Contains("Reason is required and must not be blank: why the customer should be reviewed now. Nothing was asked for Harbin Ice City Brewery.", afterBlank, StringComparison.Ordinal);
        Assert.Contains("Hohhot Grassland Wool has no reviews running: it was never granted credit, or is no longer on it. Nothing was asked.", afterNone, StringComparison.Ordinal);
        Assert.Empty(await erp.Reviews().ListAsync(reviewed));
    }

    [Fact]
    public async Task Show_NotSignedIn_GoesToTheSignIn()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = erp.Host.Client.BaseAddress };

        using var response = await browser.GetAsync(new Uri("/credit/reviews", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/credit/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static string ReviewNowAction(string customer) => $"action=\"/credit/reviews/{customer}/review\"";

    private async Task<JsonElement[]?> ApiReviewsAsync(string customer, Func<JsonElement[], bool> condition)
    {
        using var response = await erp.As(CreditRole.CreditOfficer).GetAsync($"/api/customers/{customer}/reviews");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reviews = (await ErpHost.JsonOf(response)).EnumerateArray().ToArray();
        return condition(reviews) ? reviews : null;
    }

    private static string Between(string page, string start, string end)
    {
        var from = page.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start} on the page");
        return page[from..page.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> ReviewNowAsync(HttpClient browser, string customer, string reason) =>
        browser.PostFormAsync("/credit/reviews", $"/credit/reviews/{customer}/review", ("back", "/credit/reviews"), ("reason", reason));
}
