using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Text;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Host.Tests.Workspace;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>
/// The held-orders page <c>/credit/holds</c>: signed in with a role-carrying API key, it lists holds
/// and decides as the key's holder and role. Over HTTP like a browser (cookies, no auto-redirect),
/// and once in Chromium.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class HoldsPageTests(ErpHost erp)
{
    // The plain keys ErpHost configures for these roles (the host only knows their hashes).
    private const string OfficerKey = "erp-test-key-officer-0123456789abcdef";
    private const string ManagerKey = "erp-test-key-manager-0123456789abcdef";
    private const string FinanceKey = "erp-test-key-finance-0123456789abcdef";
    private const string SessionCookie = "creditflow-credit";

    [Fact]
    public async Task Page_NotSignedIn_RedirectsToSignInAndListsNothing()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var browser = NewBrowser();

        using var response = await browser.GetAsync(new Uri($"/credit/holds?customer={customer}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.DoesNotContain(holdId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var signIn = response.Headers.Location!.OriginalString;
        Assert.Equal($"/credit/sign-in?next={Uri.EscapeDataString($"/credit/holds?customer={customer}")}", signIn);
        using var form = await browser.GetAsync(new Uri(signIn, UriKind.Relative));
        var html = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("<h1>Sign in</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(holdId, html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-hold", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldAddress_AdminHolds_RedirectsToCreditHoldsWithItsFilters()
    {
        using var browser = NewBrowser();

        using var response = await browser.GetAsync(new Uri("/admin/holds?status=open&customer=c1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/credit/holds?status=open&customer=c1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_UnknownKey_Answers401WithoutSession()
    {
        using var browser = NewBrowser();

        using var response = await browser.PostFormAsync("/credit/sign-in", "/credit/sign-in", ("key", "not-a-configured-key-0123456789"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"flash error\" role=\"status\">", page, StringComparison.Ordinal);
        Assert.Contains("That is not a configured API key.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Workspace\"", page, StringComparison.Ordinal); // no navigation before signing in
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var list = await browser.GetAsync(new Uri("/credit/holds", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, list.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutTheFormToken_Answers400AndOpensNoSession()
    {
        using var browser = NewBrowser();

        // A page elsewhere posting a key would sign this browser in as that key's holder (login CSRF).
        using var response = await browser.PostAsync(new Uri("/credit/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("key", ManagerKey)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Form out of date</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var list = await browser.GetAsync(new Uri("/credit/holds", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, list.StatusCode);
    }

    [Fact]
    public async Task SignIn_ManagerKey_StrictHttpOnlyExpiringCookie_ListsTheHeldOrderWithItsReasons()
    {
        var (customer, holdId) = await HeldOrderAsync();
        var reasons = (await Holds.GetAsync(holdId))!.Reasons;
        using var browser = NewBrowser();

        using var signIn = await browser.PostFormAsync("/credit/sign-in", "/credit/sign-in", ("key", ManagerKey), ("next", $"/credit/holds?customer={customer}"));
        using var list = await FollowAsync(browser, signIn);

        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(SessionCookie + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/credit", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=28800", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("DENY", list.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", list.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains($"data-hold=\"{holdId}\"", html, StringComparison.Ordinal);
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Contains(r, WebUtility.HtmlDecode(html), StringComparison.Ordinal));
        Assert.Contains($"<span class=\"name\">{WebUtility.HtmlEncode(ErpHost.ManagerName)}</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"role\">credit manager</span>", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/credit/sign-out\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"decidedBy\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"role\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_APageThatIsNoNumber_IsSaid_AndTheFirstPageShownWithTheFilters()
    {
        var (customer, holdId) = await HeldOrderAsync(name: "Jiaxing Paged Textiles Co.");
        using var browser = await SignedInAsync(ManagerKey);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/credit/holds?customer={customer}&page=zero", UriKind.Relative)));

        Assert.Contains("page must be a whole number from 1 (was \"zero\"); showing the first", html, StringComparison.Ordinal);
        Assert.Contains($"data-hold=\"{holdId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"holds-pager\"", html, StringComparison.Ordinal); // one page holds it all
    }

    [Fact]
    public async Task List_NamesTheCustomer_AndShowsTheExposureAndRemediesTheApproverSees()
    {
        var (customer, holdId) = await HeldOrderAsync(name: "Foshan Lucky Ceramics Co.");
        using var browser = await SignedInAsync(ManagerKey);

        using var list = await browser.GetAsync(new Uri($"/credit/holds?customer={customer}", UriKind.Relative));
        var html = await list.Content.ReadAsStringAsync();

        Assert.Contains("<b>Foshan Lucky Ceramics Co.</b>", html, StringComparison.Ordinal);
        Assert.Contains("<summary>Exposure and remedies</summary>", html, StringComparison.Ordinal);
        Assert.Contains("<th>credit limit</th><td>100,000.00 CNY</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>remedy</th>", html, StringComparison.Ordinal);
        // The hold's approval starts right after the hold's first step (bounded wait): its title names the customer too.
        var client = erp.Host.Services.GetRequiredService<DurableTaskClient>();
        using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        OrchestrationMetadata? approval;
        while ((approval = await client.GetInstanceAsync(holdId + "-approval", getInputsAndOutputs: true, waiting.Token)) is null)
        {
            await Task.Delay(25, waiting.Token);
        }

        Assert.Contains("of Foshan Lucky Ceramics Co.", approval.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ReasonsAndRemediesNameTheCustomerByItsName_TheHoldAsStoredKeepsTheId()
    {
        var customer = await erp.CustomerAsync(100_000m, CreditClass.D, CreditProfileStatus.Blacklisted);
        await erp.Store.Customers.CreateAsync(new CreditFlow.Storage.Customers.Customer(customer, "Dongguan Rainy Plastics Co.", "REG-" + customer, null, "plastics", ErpHost.Start));
        var answer = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 20_000m)));
        var holdId = answer.GetProperty("holdId").GetString()!;
        await erp.RunningAsync(holdId);
        using var browser = await SignedInAsync(ManagerKey);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/credit/holds?customer={customer}", UriKind.Relative)));

        Assert.Contains("<li>Dongguan Rainy Plastics Co. is blacklisted: no credit</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Dongguan Rainy Plastics Co. is class D: no credit</li>", html, StringComparison.Ordinal);
        Assert.Contains("on credit although Dongguan Rainy Plastics Co. is blacklisted</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"customer {customer} ", html, StringComparison.Ordinal);
        Assert.Contains($"customer {customer} is blacklisted: no credit", (await Holds.GetAsync(holdId))!.Reasons);

        // The committee's approval page reads the same sentences.
        var client = erp.Host.Services.GetRequiredService<DurableTaskClient>();
        using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        OrchestrationMetadata? approval;
        while ((approval = await client.GetInstanceAsync(holdId + "-approval", getInputsAndOutputs: true, waiting.Token)) is null)
        {
            await Task.Delay(25, waiting.Token);
        }

        Assert.Contains("Dongguan Rainy Plastics Co. is blacklisted: no credit", approval.SerializedInput, StringComparison.Ordinal);
        Assert.DoesNotContain($"customer {customer} ", approval.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecisionMessage_StaysOnReload_UntilDismissed()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var browser = await SignedInAsync(ManagerKey);
        var list = $"/credit/holds?customer={customer}";

        using var posted = await DecideAsync(browser, holdId, "release", "known customer", back: list);
        using var shown = await FollowAsync(browser, posted);
        using var reloaded = await browser.GetAsync(new Uri(list, UriKind.Relative));
        var html = await reloaded.Content.ReadAsStringAsync();

        Assert.Contains("was handed to the hold as", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("was handed to the hold as", html, StringComparison.Ordinal);
        var dismiss = System.Text.RegularExpressions.Regex.Match(html, "<a class=\"dismiss\" href=\"([^\"]+)\">Dismiss</a>").Groups[1].Value;
        using var dismissed = await browser.GetAsync(new Uri(WebUtility.HtmlDecode(dismiss), UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, dismissed.StatusCode);
        Assert.Equal(list, dismissed.Headers.Location!.OriginalString);
        using var after = await FollowAsync(browser, dismissed);
        Assert.DoesNotContain("was handed to the hold as", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_WithoutAComment_IsRefusedWithWhy_AndTheHoldStaysOpen()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var browser = await SignedInAsync(ManagerKey);

        using var posted = await DecideAsync(browser, holdId, "reject", " ", back: $"/credit/holds?customer={customer}");
        using var page = await FollowAsync(browser, posted);

        Assert.Contains("A rejection needs a comment saying why", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HoldStatus.Open, (await Holds.GetAsync(holdId))!.Status);
    }

    [Fact]
    public async Task Release_ByManagerFromThePage_HoldReleasedAsTheManager_ErpToldReleased()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var browser = await SignedInAsync(ManagerKey);

        using var posted = await DecideAsync(browser, holdId, "release", "known customer", back: $"/credit/holds?customer={customer}");
        var verdict = await erp.VerdictAsync(holdId);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal($"/credit/holds?customer={customer}", posted.Headers.Location!.OriginalString);
        Assert.Equal(HoldResolution.Released, verdict.Resolution);
        Assert.Equal(ErpHost.ManagerName, verdict.DecidedBy);
        Assert.Equal("known customer", verdict.Comment);
        var told = JsonDocument.Parse(Assert.Single(erp.Erp.Received, c => c.IdempotencyKey == holdId).Body).RootElement;
        Assert.Equal("released", told.GetProperty("outcome").GetString());
        Assert.Equal(ErpHost.ManagerName, told.GetProperty("decidedBy").GetString());
        Assert.Equal("CreditManager", told.GetProperty("decidedByRole").GetString());
        using var page = await FollowAsync(browser, posted);
        Assert.Contains("was handed to the hold as " + ErpHost.ManagerName, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var released = (await Holds.GetAsync(holdId))!;
        Assert.Equal(HoldStatus.Released, released.Status);

        // When it was held and decided are time elements the script shows in the reader's locale and zone.
        var listed = await browser.GetStringAsync(new Uri($"/credit/holds?customer={customer}&status=released", UriKind.Relative));
        var shown = TimeElements.AllIn(listed, atLeast: 2);
        Assert.Contains($"<td>{TimeElements.Of(released.HeldAt)}</td>", shown, StringComparison.Ordinal);
        Assert.Contains($"by {released.DecidedBy} {TimeElements.Of(released.DecidedAt!.Value)}", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_ByOfficerOfAHoldNeedingAManager_RefusedAndLogged_HoldStaysOpenForTheManager()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var officer = await SignedInAsync(OfficerKey);
        using var manager = await SignedInAsync(ManagerKey);

        using var refused = await DecideAsync(officer, holdId, "release", "officer tries", back: $"/credit/holds?customer={customer}");
        using var refusedPage = await FollowAsync(officer, refused);
        // Events reach the hold in order: once the manager's release completed it, the officer's was handled.
        using var released = await DecideAsync(manager, holdId, "release", "manager decides");
        var verdict = await erp.VerdictAsync(holdId);

        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
        var html = await refusedPage.Content.ReadAsStringAsync();
        Assert.Contains(
            ($"Above your authority. Hold {holdId}: 120,000.00 CNY at stake, within the 1,000,000.00 CNY a CreditOfficer may decide, "
                + "but the hold's reasons need a CreditManager at least. CreditManager or CreditCommittee can decide it."),
            WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("<div class=\"flash error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("was handed to the hold", html, StringComparison.Ordinal);
        var decisions = await erp.Store.Decisions.ListForCustomerAsync(customer);
        var refusal = Assert.Single(decisions, d => d.What.StartsWith("refused", StringComparison.Ordinal));
        Assert.Equal(ErpHost.OfficerName, refusal.DecidedBy);
        Assert.Contains("by CreditOfficer", refusal.What, StringComparison.Ordinal);
        Assert.Equal(HoldResolution.Released, verdict.Resolution);
        Assert.Equal(ErpHost.ManagerName, verdict.DecidedBy);
        Assert.Equal("manager decides", verdict.Comment);
        Assert.DoesNotContain(decisions, d => d.Id == holdId + "-released" && d.DecidedBy == ErpHost.OfficerName);
    }

    [Fact]
    public async Task List_HoldAboveTheOfficersAuthority_NoReleaseOrRejectButWhoCanDecide_TheManagerGetsTheForm()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var officer = await SignedInAsync(OfficerKey);
        using var manager = await SignedInAsync(ManagerKey);

        using var officerList = await officer.GetAsync(new Uri($"/credit/holds?customer={customer}", UriKind.Relative));
        using var managerList = await manager.GetAsync(new Uri($"/credit/holds?customer={customer}", UriKind.Relative));

        var officerHtml = await officerList.Content.ReadAsStringAsync();
        Assert.Contains($"data-hold=\"{holdId}\"", officerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/credit/holds/{holdId}/decision\"", officerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">Release</button>", officerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">Reject</button>", officerHtml, StringComparison.Ordinal);
        Assert.Contains("<b>Above your authority</b>: 120,000.00 CNY at stake, within the 1,000,000.00 CNY a CreditOfficer may decide, but the hold's reasons need a CreditManager at least. CreditManager or CreditCommittee can decide it.", WebUtility.HtmlDecode(officerHtml), StringComparison.Ordinal);
        var managerHtml = await managerList.Content.ReadAsStringAsync();
        Assert.Contains($"action=\"/credit/holds/{holdId}/decision\"", managerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Above your authority", managerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinanceKey_ListsWithoutDecideForms_AndItsDecisionIs403()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var finance = await SignedInAsync(FinanceKey);

        using var list = await finance.GetAsync(new Uri($"/credit/holds?customer={customer}", UriKind.Relative));
        using var forbidden = await DecideAsync(finance, holdId, "release", "finance tries");

        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains($"data-hold=\"{holdId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/credit/holds/{holdId}/decision\"", html, StringComparison.Ordinal);
        Assert.Contains("may list holds but not decide them", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var said = await forbidden.Content.ReadAsStringAsync();
        Assert.Contains("<section class=\"card notice error\" id=\"notice\"><h1>Not allowed</h1>", said, StringComparison.Ordinal);
        Assert.Contains("Deciding holds needs the role", said, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", said, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/holds\">Held orders</a>", said, StringComparison.Ordinal);
        Assert.Equal(HoldStatus.Open, (await Holds.GetAsync(holdId))!.Status);
    }

    [Fact]
    public async Task ForgedOrAlteredCookie_IsRefused_AndDecidesNothing()
    {
        var (customer, holdId) = await HeldOrderAsync();
        var genuine = await SessionCookieAsync(OfficerKey);
        var parts = genuine.Split('.');
        string[] forgeries =
        [
            // The officer's cookie claiming the committee's role, signature unchanged.
            string.Join('.', parts[0], Base64Url.EncodeToString("CreditCommittee"u8), parts[2], parts[3]),
            // Claiming the manager's name.
            string.Join('.', Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ErpHost.ManagerName)), parts[1], parts[2], parts[3]),
            // A later expiry.
            string.Join('.', parts[0], parts[1], (long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + TimeSpan.TicksPerDay).ToString(System.Globalization.CultureInfo.InvariantCulture), parts[3]),
            // One character of the signature changed.
            genuine[..^1] + (genuine[^1] == '0' ? '1' : '0'),
            "made-up",
        ];

        // Each forged session's browser has a genuine form token (from the sign-in page): the session is what is judged.
        using var visitor = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = erp.Host.Client.BaseAddress };
        var form = await visitor.TokenAndCookieAsync("/credit/sign-in");
        foreach (var forged in forgeries)
        {
            using var browser = WithCookie(forged, form);
            using var list = await browser.GetAsync(new Uri($"/credit/holds?customer={customer}", UriKind.Relative));
            using var posted = await DecideAsync(browser, holdId, "release", "forged", token: form.Token);

            Assert.Equal(HttpStatusCode.SeeOther, list.StatusCode);
            Assert.StartsWith("/credit/sign-in", list.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
            Assert.Equal("/credit/sign-in", posted.Headers.Location!.OriginalString);
        }

        // The genuine cookie works; the manager's release then ends the hold, and nothing forged came first.
        using (var officer = WithCookie(genuine, form))
        {
            using var list = await officer.GetAsync(new Uri($"/credit/holds?customer={customer}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        using var manager = await SignedInAsync(ManagerKey);
        using var released = await DecideAsync(manager, holdId, "release", "genuine");
        var verdict = await erp.VerdictAsync(holdId);
        Assert.Equal(ErpHost.ManagerName, verdict.DecidedBy);
        Assert.Equal("genuine", verdict.Comment);
        Assert.DoesNotContain(await erp.Store.Decisions.ListForCustomerAsync(customer), d => d.What.StartsWith("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decision_FromAnotherOrigin_Answers403AndDecidesNothing()
    {
        var (_, holdId) = await HeldOrderAsync();
        using var manager = await SignedInAsync(ManagerKey);

        using var forged = await DecideAsync(manager, holdId, "reject", "cross-site", origin: "http://evil.example");
        using var own = await DecideAsync(manager, holdId, "release", "same site", origin: erp.Host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        var verdict = await erp.VerdictAsync(holdId);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var refused = await forged.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Cross-origin request refused</h1>", refused, StringComparison.Ordinal);
        Assert.Contains("This form was posted from http://evil.example, not from this site. Nothing was changed.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", refused, StringComparison.Ordinal); // the workspace's look, allowed by its policy (styles from /assets only)
        Assert.Equal(HttpStatusCode.SeeOther, own.StatusCode);
        Assert.Equal(HoldResolution.Released, verdict.Resolution);
        Assert.Equal("same site", verdict.Comment);
    }

    [Fact]
    public async Task Decision_FormNamingTheDecider_IsRefusedAndDecidesNothing()
    {
        var (_, holdId) = await HeldOrderAsync();
        using var officer = await SignedInAsync(OfficerKey);
        using var content = await officer.FormAsync("/credit/holds", ("outcome", "release"), ("decidedBy", "someone else"), ("role", "CreditCommittee"));

        using var posted = await officer.PostAsync(new Uri($"/credit/holds/{holdId}/decision", UriKind.Relative), content);
        using var page = await FollowAsync(officer, posted);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains("Nothing was sent", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var manager = await SignedInAsync(ManagerKey);
        using var released = await DecideAsync(manager, holdId, "release", "after the stale form");
        Assert.Equal("after the stale form", (await erp.VerdictAsync(holdId)).Comment);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var browser = await SignedInAsync(OfficerKey);

        using var response = await browser.PostFormAsync("/credit/holds", "/credit/sign-out");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/credit/sign-in", response.Headers.Location!.OriginalString);
        using var list = await browser.GetAsync(new Uri("/credit/holds", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, list.StatusCode);
    }

    [BrowserFact]
    public async Task Browser_SignInSeeTheHeldOrderRelease_GoneFromTheOpenList()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = erp.Host.Client.BaseAddress!.ToString() });
        page.SetDefaultTimeout(30_000);

        // The list sends the visitor to the sign-in form and back.
        await page.GotoAsync($"/credit/holds?customer={customer}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("API key").FillAsync(ManagerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Held orders and shipments" })).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-in")).ToContainTextAsync(ErpHost.ManagerName);
        await Expect(page.Locator("#signed-in .role")).ToHaveTextAsync("credit manager");

        // The held order is listed; release it from its row.
        var row = page.Locator($"tr[data-hold=\"{holdId}\"]");
        await Expect(row).ToBeVisibleAsync();
        await row.GetByLabel("comment").FillAsync("released in the browser");
        await row.GetByRole(AriaRole.Button, new() { Name = "Release" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Your release of {holdId} was handed to the hold");

        // The redirect may land before the hold ends; reload once it has.
        var verdict = await erp.VerdictAsync(holdId);
        await page.ReloadAsync();
        await Expect(page.Locator($"tr[data-hold=\"{holdId}\"]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#no-holds")).ToBeVisibleAsync();
        Assert.Equal(HoldResolution.Released, verdict.Resolution);
        Assert.Equal("released in the browser", verdict.Comment);
    }

    [BrowserFact]
    public async Task Browser_OfficerSeesAHoldAboveTheirAuthority_NoButtonsWhoCanDecide_AStaleDecisionIsRefusedVisibly()
    {
        var (customer, holdId) = await HeldOrderAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = erp.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1280, Height = 720 } });
        page.SetDefaultTimeout(30_000);

        // The officer signs in and finds the over-limit hold, which is the manager's to decide.
        await page.GotoAsync($"/credit/holds?customer={customer}");
        await page.GetByLabel("API key").FillAsync(OfficerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signed-in")).ToContainTextAsync(ErpHost.OfficerName);
        await Expect(page.Locator("#signed-in .role")).ToHaveTextAsync("credit officer");
        var row = page.Locator($"tr[data-hold=\"{holdId}\"]");
        await Expect(row).ToBeVisibleAsync();

        // No Release or Reject on it; the row says why and who can decide.
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(row.GetByRole(AriaRole.Textbox, new() { Name = "comment" })).ToHaveCountAsync(0);
        await Expect(row.Locator(".above-authority")).ToHaveTextAsync(
            "Above your authority: 120,000.00 CNY at stake, within the 1,000,000.00 CNY a CreditOfficer may decide, but the hold's reasons need a CreditManager at least. "
            + "CreditManager or CreditCommittee can decide it.");
        await Screenshots.SaveAsync(page, "holds-above-your-authority");

        // A release posted anyway (a form kept from elsewhere, with this browser's form token) comes back as a visible
        // refusal, and the hold stays open.
        await page.EvaluateAsync(
            """
            ([action, back]) => {
              const form = document.createElement('form');
              form.method = 'post';
              form.action = action;
              const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
              for (const [name, value] of [['outcome', 'release'], ['comment', 'stale form'], ['back', back], ['__RequestVerificationToken', token]]) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = name; input.value = value;
                form.appendChild(input);
              }
              document.body.appendChild(form);
              form.submit();
            }
            """,
            new[] { $"/credit/holds/{holdId}/decision", $"/credit/holds?customer={customer}" });
        var refusal = page.GetByRole(AriaRole.Status);
        await Expect(refusal).ToContainTextAsync($"Above your authority. Hold {holdId}: 120,000.00 CNY at stake");
        await Expect(refusal).ToContainTextAsync("CreditManager or CreditCommittee can decide it. Nothing was decided; the attempt is logged and the hold stays open.");
        await Expect(refusal).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\berror\b"));
        await Expect(page.Locator($"tr[data-hold=\"{holdId}\"] .above-authority")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "holds-above-your-authority-refused");
        Assert.Equal(HoldStatus.Open, (await Holds.GetAsync(holdId))!.Status);
    }

    private HoldRepository Holds => erp.Host.Services.GetRequiredService<HoldRepository>();

    /// <summary>A customer with a 100,000 limit and a held 120,000 order (the manager's to decide), its hold waiting.</summary>
    private async Task<(string Customer, string HoldId)> HeldOrderAsync(string? name = null)
    {
        var customer = await erp.CustomerAsync(100_000m);
        if (name is not null)
        {
            await erp.Store.Customers.CreateAsync(new CreditFlow.Storage.Customers.Customer(customer, name, "REG-" + customer, null, "ceramics", ErpHost.Start));
        }

        var answer = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 120_000m)));
        var holdId = answer.GetProperty("holdId").GetString()!;
        Assert.Equal("CreditManager", answer.GetProperty("approverRole").GetString());
        await erp.RunningAsync(holdId);
        return (customer, holdId);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each answer.</summary>
    private HttpClient NewBrowser() => FormPosts.Browser(erp.Host.Client.BaseAddress!);

    /// <summary>A client sending exactly this session cookie, and the antiforgery cookie of <paramref name="form"/> (a token from the sign-in page).</summary>
    private HttpClient WithCookie(string value, (string Token, string Cookie) form)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = erp.Host.Client.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie}={value}; {form.Cookie}");
        return client;
    }

    // The Location is a path; on Unix "new Uri(path)" would read it as a file, so it is made relative here.
    private static Task<HttpResponseMessage> FollowAsync(HttpClient browser, HttpResponseMessage redirect) =>
        browser.GetAsync(new Uri(redirect.Headers.Location!.OriginalString, UriKind.Relative));

    private async Task<HttpClient> SignedInAsync(string key)
    {
        var browser = NewBrowser();
        using var response = await browser.PostFormAsync("/credit/sign-in", "/credit/sign-in", ("key", key));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return browser;
    }

    private async Task<string> SessionCookieAsync(string key)
    {
        using var browser = NewBrowser();
        using var response = await browser.PostFormAsync("/credit/sign-in", "/credit/sign-in", ("key", key));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return cookie[(SessionCookie.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>The decision form, with the holds page's token, or with <paramref name="token"/> when the client has it already.</summary>
    private static async Task<HttpResponseMessage> DecideAsync(HttpClient browser, string holdId, string outcome, string comment, string? back = null, string? origin = null, string? token = null)
    {
        (string, string)[] fields = [("outcome", outcome), ("comment", comment), ("back", back ?? "/credit/holds")];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/credit/holds/{Uri.EscapeDataString(holdId)}/decision")
        {
            Content = token is null ? await browser.FormAsync("/credit/holds", fields) : FormPosts.Form(token, fields),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await browser.SendAsync(request);
    }
}
