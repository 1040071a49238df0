using System.Net;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Cases;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Host.Tests.Workspace;
using CreditFlow.Storage.LegalCases;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// The legal cases pages <c>/credit/cases</c> and <c>/credit/cases/{id}</c> over HTTP like a browser (cookies, no
/// auto-redirect), signed in with an API key, on the legal handoff tests' host. Every case here is opened as in
/// production: an invoice booked through the ERP webhook 90+ days overdue goes red, and dunning opens the case.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class CasesPageTests(CasesHost host)
{
    [Fact]
    public async Task List_AnOpenCase_ShowsItsAmountsAndThatItWaitsForLegal_TheManagerMayOpenOneByHand()
    {
        var opened = await RedCaseAsync("Taizhou Pump Works", 300_000m);
        using var manager = await host.SignedInAsync(CreditRole.CreditManager);
        using var officer = await host.SignedInAsync(CreditRole.CreditOfficer);

        var list = await PageAsync(manager, "/credit/cases");
        var asOfficer = await PageAsync(officer, "/credit/cases");
        var recovered = await PageAsync(manager, "/credit/cases?status=recovered");

        var row = Row(list, opened.CaseId);
        Assert.Contains("<b>Taizhou Pump Works</b>", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge s-awaitingLegal\">awaiting legal</span>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num claimed\"><span class=\"amt\">300,000.00</span><span class=\"ccy\">CNY</span></td>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num owed\"><span class=\"amt\">300,000.00</span><span class=\"ccy\">CNY</span></td>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num recovered\"><span class=\"amt zero\">0.00</span>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"waits-for\">legal&#x27;s acceptance</td>", row, StringComparison.Ordinal);
        Assert.Contains("by dunning (red)", row, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/cases\" class=\"on\" aria-current=\"page\">Cases</a>", list, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/cases\" data-status=\"open\" class=\"on\" aria-current=\"page\">", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-case=\"{opened.CaseId}\"", recovered, StringComparison.Ordinal);

        // Its times (now, when each case was opened) are time elements the script shows in the reader's locale and zone;
        // when it was last heard of is in its cell's title, for the script to say the same way.
        TimeElements.AllIn(list, atLeast: 2);
        Assert.Contains($"<td class=\"opened\"><span class=\"nowrap\">{TimeElements.Of(opened.Case.OpenedAt)}</span>", WebUtility.HtmlDecode(row), StringComparison.Ordinal);
        Assert.Matches("<td class=\"heard\" title=\"[^\"]+ UTC\" data-at=\"\\d{4}-\\d{2}-\\d{2}T[^\"]+\">", row);

        // Handing a customer to legal is the credit manager's (and legal's, the committee's), not the officer's.
        Assert.Contains("<form class=\"open-case\" method=\"post\" action=\"/credit/cases\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"open-case\"", asOfficer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenByHand_FromTheForm_OpensTheCaseOnEveryUnpaidInvoice_AndShowsIt()
    {
        var customer = await host.CustomerAsync("Quzhou Chemical Co.");
        await host.OverdueInvoiceAsync(customer, 40_000m, daysOverdue: 20);
        await host.OverdueInvoiceAsync(customer, 25_000m, daysOverdue: 5);
        using var manager = await host.SignedInAsync(CreditRole.CreditManager);

        using var posted = await manager.PostFormAsync("/credit/cases", "/credit/cases", ("customerId", customer), ("reason", "the owner left the country"));
        var caseId = await host.Cases.OpenCaseOfAsync(customer);
        var page = await PageAsync(manager, posted.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.NotNull(caseId);
        Assert.Equal($"/credit/cases/{Uri.EscapeDataString(caseId)}", posted.Headers.Location!.OriginalString);
        Assert.Contains($"Opened case {caseId} on Quzhou Chemical Co. as {CasesHost.NameOf(CreditRole.CreditManager)}: 2 invoice(s), 65,000.00 CNY claimed.", page, StringComparison.Ordinal);
        Assert.Contains($"by <b>{CasesHost.NameOf(CreditRole.CreditManager)}</b> — the owner left the country", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_AsLegal_WithTheAgencyRoute_TheCaseIsInProgressWithTheAgency()
    {
        var opened = await RedCaseAsync("Yiwu Small Goods Trading", 120_000m);
        using var legal = await host.SignedInAsync(CreditRole.Legal);
        using var manager = await host.SignedInAsync(CreditRole.CreditManager);
        var path = $"/credit/cases/{Uri.EscapeDataString(opened.CaseId)}";

        var before = await PageAsync(legal, path);
        var asManager = await PageAsync(manager, path);
        using var posted = await legal.PostFormAsync(path, path + "/acceptance", ("route", "agency"), ("agency", CasesHost.Agency), ("comment", "amount warrants an agency"));
        var after = await PageAsync(legal, posted.Headers.Location!.OriginalString);

        // Only legal gets the acceptance form, with the configured agencies to choose from.
        Assert.Contains($"<form method=\"post\" action=\"{path}/acceptance\" id=\"accept\">", before, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{CasesHost.Agency}\">{CasesHost.Agency}</option>", before, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"accept\"", asManager, StringComparison.Ordinal);
        Assert.Contains("Legal accepts the case and chooses litigation, arbitration or an agency.", asManager, StringComparison.Ordinal);

        // Its times (opened, each report and timeline entry, last heard) are time elements the script shows in the
        // reader's locale and zone, and so are its invoices' due days.
        var shown = TimeElements.AllIn(before, atLeast: 3);
        Assert.Contains($"Opened {TimeElements.Of(opened.Case.OpenedAt)} by", shown, StringComparison.Ordinal);
        var due = opened.Case.Invoices[0].DueDate;
        Assert.Contains($"<td><time datetime=\"{due:yyyy-MM-dd}\">{due:d MMM yyyy}</time></td>", before, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(path, posted.Headers.Location!.OriginalString);
        Assert.Contains($"Accepted case {opened.CaseId} (Yiwu Small Goods Trading) as {CasesHost.NameOf(CreditRole.Legal)}: placed with agency {CasesHost.Agency}.", after, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge s-inProgress\">in progress</span>", after, StringComparison.Ordinal);
        Assert.Contains($"accepted by legal: placed with agency {CasesHost.Agency} — amount warrants an agency", WebUtility.HtmlDecode(after), StringComparison.Ordinal);
        var stored = (await host.Cases.GetAsync(opened.CaseId))!.Case;
        Assert.Equal((CaseStatus.InProgress, CaseRoute.Agency, CasesHost.Agency), (stored.Status, stored.Route, stored.Agency));
        // Found by what it says, not as the last entry: the case's workflow may already have logged the placement after it.
        var acceptance = Assert.Single(stored.Timeline, e => e.What.StartsWith("accepted by legal", StringComparison.Ordinal));
        Assert.Equal(CasesHost.NameOf(CreditRole.Legal), acceptance.By);
    }

    [Fact]
    public async Task Accept_WithoutARoute_OrByAManager_IsRefused_AndNothingIsStored()
    {
        var opened = await RedCaseAsync("Lishui Copper Fittings", 70_000m);
        using var legal = await host.SignedInAsync(CreditRole.Legal);
        using var manager = await host.SignedInAsync(CreditRole.CreditManager);
        var path = $"/credit/cases/{Uri.EscapeDataString(opened.CaseId)}";

        using var noRoute = await legal.PostFormAsync(path, path + "/acceptance", ("comment", "later"));
        var afterNoRoute = await PageAsync(legal, noRoute.Headers.Location!.OriginalString);
        using var byManager = await manager.PostFormAsync(path, path + "/acceptance", ("route", "litigation"));
        var afterManager = await PageAsync(manager, byManager.Headers.Location!.OriginalString);
        using var recall = await manager.PostFormAsync(path, path + "/recall", ("reason", "no agency has it"));
        var afterRecall = await PageAsync(manager, recall.Headers.Location!.OriginalString);

        Assert.Contains("class=\"flash error\"", afterNoRoute, StringComparison.Ordinal);
        Assert.Contains("Route is required: litigation, arbitration or agency.", afterNoRoute, StringComparison.Ordinal);
        Assert.Contains($"Only legal may accept a case and choose its route; you are signed in as {CasesHost.NameOf(CreditRole.CreditManager)} (credit manager). Nothing was stored.", afterManager, StringComparison.Ordinal);
        Assert.Contains($"Case {opened.CaseId} is not with an agency. Nothing was stored.", afterRecall, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.AwaitingLegal, (await host.Cases.GetAsync(opened.CaseId))!.Case.Status);
    }

    [Fact]
    public async Task Approval_ForARoleWithoutAuthority_SaysWhoDecidesInsteadOfButtons_TheCommitteeGetsThem()
    {
        // 6,000,000 to write off is above the credit manager's 5,000,000: the committee decides.
        var opened = await RedCaseAsync("Ningbo Harbour Steel", 6_000_000m);
        using (await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/acceptance", new { route = "litigation" }))
        using (await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/write-off", new { reason = "the court found no assets to seize" }))
        {
        }

        await host.CaseWhenAsync(opened.CaseId, c => c.Case.Approval is { Asked: true }, "asking for the write-off's approval");
        using var manager = await host.SignedInAsync(CreditRole.CreditManager);
        using var committee = await host.SignedInAsync(CreditRole.CreditCommittee);
        var path = $"/credit/cases/{Uri.EscapeDataString(opened.CaseId)}";

        var asManager = await PageAsync(manager, path);
        var asCommittee = await PageAsync(committee, path);
        using var posted = await manager.PostFormAsync(path, path + "/decision", ("outcome", "approve"));
        var afterManager = await PageAsync(manager, posted.Headers.Location!.OriginalString);

        Assert.Contains("<dd class=\"num bad\" id=\"approval-write-off\"><span class=\"amt\">6,000,000.00</span>", asManager, StringComparison.Ordinal);
        Assert.Contains("For the credit committee to decide; you are signed in as credit manager.", asManager, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"decide\"", asManager, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"{path}/decision\" id=\"decide\">", asCommittee, StringComparison.Ordinal);
        Assert.Contains("write-off approval by the credit committee", Row(await PageAsync(manager, "/credit/cases"), opened.CaseId), StringComparison.Ordinal);

        Assert.Contains("class=\"flash error\"", afterManager, StringComparison.Ordinal);
        Assert.Contains("needs the credit committee; a credit manager may not decide it. Nothing was decided.", afterManager, StringComparison.Ordinal);
        var stored = (await host.Cases.GetAsync(opened.CaseId))!.Case;
        Assert.Equal((CaseStatus.InProgress, CaseApprovalKind.WriteOff), (stored.Status, stored.Approval!.Kind));
    }

    [Fact]
    public async Task NoSuchCase_OrStatus_IsSaid_OnTheWorkspaceLayout()
    {
        using var manager = await host.SignedInAsync(CreditRole.CreditManager);

        using var missing = await manager.GetAsync(new Uri("/credit/cases/no-such-case", UriKind.Relative));
        var missingPage = await missing.Content.ReadAsStringAsync();
        var badStatus = await PageAsync(manager, "/credit/cases?status=lost");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no legal case \"no-such-case\".", WebUtility.HtmlDecode(missingPage), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/cases\" class=\"on\" aria-current=\"page\">Cases</a>", missingPage, StringComparison.Ordinal);
        Assert.Contains("class=\"flash error\"", badStatus, StringComparison.Ordinal);
        Assert.Contains("There is no status \"lost\"; showing the open cases.", WebUtility.HtmlDecode(badStatus), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/cases\" data-status=\"open\" class=\"on\" aria-current=\"page\">", badStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_APageThatIsNoNumber_IsSaid_AndTheFirstPageShown()
    {
        await RedCaseAsync("Kunming Spring Tea Co.", 120_000m);
        using var manager = await host.SignedInAsync(CreditRole.CreditManager);

        var bad = WebUtility.HtmlDecode(await PageAsync(manager, "/credit/cases?status=all&page=two"));
        var beyond = await PageAsync(manager, "/credit/cases?status=all&page=999");

        Assert.Contains("The page must be a whole number from 1 (was \"two\"); showing the first.", bad, StringComparison.Ordinal);
        Assert.Contains("Kunming Spring Tea Co.", bad, StringComparison.Ordinal); // the newest case, on the first page
        // A page past the end shows the last one, without a problem to say.
        Assert.Contains("id=\"cases\"", beyond, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"flash error\"", beyond, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseFile_SignedIn_DownloadsTheZip()
    {
        var opened = await RedCaseAsync("Jinhua Hardware Co.", 55_000m);
        using var legal = await host.SignedInAsync(CreditRole.Legal);

        using var response = await legal.GetAsync(new Uri($"/credit/cases/{Uri.EscapeDataString(opened.CaseId)}/file", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await response.Content.ReadAsByteArrayAsync())[..2]);
    }

    [Theory]
    [InlineData("/credit/cases")]
    [InlineData("/credit/cases/some-case")]
    [InlineData("/credit/cases/some-case/file")]
    public async Task Pages_NotSignedIn_GoToTheSignIn(string path)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Host.Client.BaseAddress };

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/credit/sign-in?next={Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Steps_NotSignedIn_StoreNothing()
    {
        var opened = await RedCaseAsync("Zhoushan Fisheries", 45_000m);
        using var browser = FormPosts.Browser(host.Host.Client.BaseAddress!);

        // With the sign-in page's token (as a browser whose session ended would have one), so the sign-in check answers.
        using var response = await browser.PostFormAsync("/credit/sign-in", $"/credit/cases/{Uri.EscapeDataString(opened.CaseId)}/withdrawal", ("reason", "nobody signed in"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/credit/sign-in", response.Headers.Location!.OriginalString);
        Assert.Equal(CaseStatus.AwaitingLegal, (await host.Cases.GetAsync(opened.CaseId))!.Case.Status);
    }

    /// <summary>A customer's invoice of <paramref name="amount"/> booked 95 days overdue; dunning's red opens the case.</summary>
    private async Task<CaseRecord> RedCaseAsync(string name, decimal amount)
    {
        var customer = await host.CustomerAsync(name);
        await host.OverdueInvoiceAsync(customer, amount, daysOverdue: 95);
        return await host.OpenedCaseAsync(customer);
    }

    /// <summary>The list's row of <paramref name="caseId"/>.</summary>
    private static string Row(string page, string caseId)
    {
        var start = page.IndexOf($"<tr data-case=\"{caseId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"case {caseId} is not listed");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
