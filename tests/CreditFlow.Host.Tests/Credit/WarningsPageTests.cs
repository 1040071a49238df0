using System.Net;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Host.Tests.Workspace;
using CreditFlow.Storage.Warnings;
using CreditFlow.Testing;
using static CreditFlow.Host.Tests.Credit.WarningsOnErpHost;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// The early-warnings page <c>/credit/warnings</c> over HTTP like a browser (cookies, no auto-redirect), signed in with
/// an API key: warnings raised by their workflow on the ERP tests' host, listed by level and answered from the form.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class WarningsPageTests(ErpHost erp)
{
    [Fact]
    public async Task Show_OpenWarnings_RedThenOrangeThenYellow_TheOnePastItsResponseTimeMarkedOverdue()
    {
        var yellow = await erp.RaiseAsync(await erp.CustomerAsync("Ningbo Lantern Trading"), SignalKind.OwnershipChange);
        erp.Clock.Advance(TimeSpan.FromHours(25));
        var orange = await erp.RaiseAsync(await erp.CustomerAsync("Fuzhou Harbour Ceramics"), SignalKind.KeyAssetsMortgaged);
        var red = await erp.RaiseAsync(await erp.CustomerAsync("Wuxi Grand Textiles"), SignalKind.MajorLawsuit);
        using var manager = await erp.SignedInAsync(ManagerKey);
        using var officer = await erp.SignedInAsync(OfficerKey);

        var asManager = await PageAsync(manager, "/credit/warnings");
        var asOfficer = await PageAsync(officer, "/credit/warnings");
        var redOnly = await PageAsync(officer, "/credit/warnings?level=red");

        Assert.True(asManager.IndexOf(Article(red), StringComparison.Ordinal) < asManager.IndexOf(Article(orange), StringComparison.Ordinal));
        Assert.True(asManager.IndexOf(Article(orange), StringComparison.Ordinal) < asManager.IndexOf(Article(yellow), StringComparison.Ordinal));
        Assert.Contains($"<article class=\"warning overdue\" id=\"{yellow.Id}\"", asManager, StringComparison.Ordinal);
        Assert.Contains($"<article class=\"warning\" id=\"{orange.Id}\"", asManager, StringComparison.Ordinal);
        Assert.Contains("Fuzhou Harbour Ceramics", asManager, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge red\">red</span>", asManager, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/warnings\" class=\"on\" aria-current=\"page\">Warnings</a>", asManager, StringComparison.Ordinal);

        // The manager may answer every one of them (a tier above the officer); the officer only the yellow one.
        Assert.Contains(AnswerAction(yellow), asManager, StringComparison.Ordinal);
        Assert.Contains(AnswerAction(red), asManager, StringComparison.Ordinal);
        Assert.Contains(AnswerAction(yellow), asOfficer, StringComparison.Ordinal);
        Assert.DoesNotContain(AnswerAction(orange), asOfficer, StringComparison.Ordinal);
        Assert.Contains("For the credit manager or the credit committee to answer.", asOfficer, StringComparison.Ordinal);
        Assert.Matches("<input type=\"checkbox\" name=\"actions\" value=\"CustomerVisit\"\\s*/?>customer visit</label>", asOfficer);

        Assert.Contains(Article(red), redOnly, StringComparison.Ordinal);
        Assert.DoesNotContain(Article(yellow), redOnly, StringComparison.Ordinal);

        // Its times (now, each warning's raised and answer-by) are time elements the script shows in the reader's locale and zone.
        var shown = TimeElements.AllIn(asManager, atLeast: 7);
        Assert.Contains($"<dt>Raised</dt><dd>{TimeElements.Of(red.RaisedAt)}", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_FromTheForm_RecordsTheAnswerAsTheSignedInUser_AndCompletesItsTask()
    {
        var warning = await erp.RaiseAsync(await erp.CustomerAsync("Jinan Northern Steel"), SignalKind.KeyAssetsMortgaged);
        using var manager = await erp.SignedInAsync(ManagerKey);

        using var posted = await AnswerAsync(manager, warning, "Their plant is mortgaged to Agricultural Bank; review the limit and secure the stock.", "CreditReview", "AssetPreservation");
        var page = await PageAsync(manager, posted.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var answer = (await erp.Warnings().GetAsync(warning.Id))!.Answer!;
        Assert.Equal((ErpHost.ManagerName, CreditRole.CreditManager), (answer.By, answer.Role));
        Assert.Equal([ResponseAction.CreditReview, ResponseAction.AssetPreservation], answer.Actions);
        var task = await erp.AnswerTaskAsync(warning, t => t is { IsOpen: false });
        Assert.Equal(ErpHost.ManagerName, task.CompletedBy);
        Assert.Contains($"Answered the orange warning on Jinan Northern Steel as {ErpHost.ManagerName} (credit manager): credit review, asset preservation.", page, StringComparison.Ordinal);
        var answered = page[page.IndexOf("id=\"answered-warnings\"", StringComparison.Ordinal)..];
        Assert.Contains($"<tr data-warning=\"{warning.Id}\">", answered, StringComparison.Ordinal);
        Assert.DoesNotContain(Article(warning), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_ByARoleBelowTheOwner_IsRefusedSayingWhoMay_AndNothingIsStored()
    {
        var warning = await erp.RaiseAsync(await erp.CustomerAsync("Kunming Spring Tea"), SignalKind.KeyAssetsMortgaged);
        using var officer = await erp.SignedInAsync(OfficerKey);

        using var posted = await AnswerAsync(officer, warning, "checked it", "CreditReview");
        var page = await PageAsync(officer, posted.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains("class=\"flash error\"", page, StringComparison.Ordinal);
        Assert.Contains($"The orange warning on Kunming Spring Tea is for the credit manager or the credit committee to answer; you are signed in as {ErpHost.OfficerName} (credit officer). Nothing was stored.", page, StringComparison.Ordinal);
        Assert.True((await erp.Warnings().GetAsync(warning.Id))!.IsOpen);
    }

    [Fact]
    public async Task Answer_NoActionTicked_OrNoComment_IsRefusedNamingTheField_AndNothingIsStored()
    {
        var warning = await erp.RaiseAsync(await erp.CustomerAsync("Hefei Bright Glass"), SignalKind.OwnershipChange);
        using var officer = await erp.SignedInAsync(OfficerKey);

        using var noAction = await AnswerAsync(officer, warning, "visited them");
        var afterNoAction = await PageAsync(officer, noAction.Headers.Location!.OriginalString);
        using var noComment = await AnswerAsync(officer, warning, "  ", "CustomerVisit");
        var afterNoComment = await PageAsync(officer, noComment.Headers.Location!.OriginalString);

        Assert.Contains("Actions: tick at least one of credit review or customer visit. Nothing was stored; the yellow warning on Hefei Bright Glass stays open.", afterNoAction, StringComparison.Ordinal);
        Assert.Contains("Comment is required and must not be blank", afterNoComment, StringComparison.Ordinal);
        Assert.True((await erp.Warnings().GetAsync(warning.Id))!.IsOpen);
        Assert.Contains(Article(warning), afterNoComment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_FromAnotherOrigin_Answers403_AndNothingIsStored()
    {
        var warning = await erp.RaiseAsync(await erp.CustomerAsync("Xining Plateau Dairy"), SignalKind.OwnershipChange);
        using var officer = await erp.SignedInAsync(OfficerKey);

        using var request = new HttpRequestMessage(HttpMethod.Post, AnswerPath(warning)) { Content = Form(("actions", "CreditReview"), ("comment", "fine")) };
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await officer.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((await erp.Warnings().GetAsync(warning.Id))!.IsOpen);
    }

    [Fact]
    public async Task Show_MoreThanFiftyOpen_FiftyAPage_TheLevelKeptAcrossPages_ALinkToOneOpensItsPage_AndABadPageIsSaid()
    {
        // 55 yellow warnings stored as their workflow stores them, older than any other test's (they come first among
        // the yellow); answered at the end, so the other tests of this host see their own warnings on the first page.
        var template = await erp.RaiseAsync(await erp.CustomerAsync("Shaoxing Long Dye Works"), SignalKind.OwnershipChange);
        var seeded = new List<WarningRecord>();
        for (var i = 0; i < 55; i++)
        {
            var raised = ErpHost.Start.AddDays(-10).AddMinutes(i);
            seeded.Add(await erp.Warnings().AddOnceAsync(template with { Id = UniqueName.For("wrn-page"), RaisedAt = raised, RespondBy = raised.AddHours(24), ETag = null }));
        }

        try
        {
            var openYellow = (await erp.Warnings().ListAsync()).Where(w => w.Level == WarningLevel.Yellow).Select(w => w.Id).ToList();
            var everyOpen = (await erp.Warnings().ListAsync()).Select(w => w.Id).ToList();
            var pages = (openYellow.Count + 49) / 50;
            using var officer = await erp.SignedInAsync(OfficerKey);

            var firstAsSent = await PageAsync(officer, "/credit/warnings?level=yellow");
            var yellowPages = new List<string> { WebUtility.HtmlDecode(firstAsSent) };
            for (var n = 2; n <= pages; n++)
            {
                yellowPages.Add(WebUtility.HtmlDecode(await PageAsync(officer, $"/credit/warnings?level=yellow&page={n}")));
            }

            var unfiltered = await PageAsync(officer, "/credit/warnings");
            var zero = WebUtility.HtmlDecode(await PageAsync(officer, "/credit/warnings?page=0"));
            var notANumber = WebUtility.HtmlDecode(await PageAsync(officer, "/credit/warnings?level=yellow&page=x"));
            var onItsPage = await PageAsync(officer, $"/credit/warnings?warning={Uri.EscapeDataString(everyOpen[50])}");

            Assert.Equal(50, Articles(yellowPages[0]).Count);
            Assert.Contains($"Rows 1–50 of {openYellow.Count}", yellowPages[0], StringComparison.Ordinal);
            Assert.Contains("href=\"/credit/warnings?level=yellow&amp;page=2\" rel=\"next\"", firstAsSent, StringComparison.Ordinal);
            Assert.Contains($"<span>{openYellow.Count} open</span>", yellowPages[0], StringComparison.Ordinal);
            Assert.Equal(openYellow.Count - ((pages - 1) * 50), Articles(yellowPages[^1]).Count);
            Assert.Contains("href=\"/credit/warnings?level=yellow&page=1\" rel=\"first\"", yellowPages[^1], StringComparison.Ordinal);
            Assert.DoesNotContain("rel=\"next\"", yellowPages[^1], StringComparison.Ordinal);
            // Every open yellow warning on one of the pages, once, in the page's order.
            Assert.Equal(openYellow, yellowPages.SelectMany(Articles));
            Assert.Equal(everyOpen.Take(50), Articles(unfiltered));
            Assert.Contains("href=\"/credit/warnings?page=2\" rel=\"next\"", unfiltered, StringComparison.Ordinal);
            Assert.Contains("The page must be a whole number from 1 (was \"0\"); showing the first.", zero, StringComparison.Ordinal);
            Assert.Equal(everyOpen.Take(50), Articles(zero));
            Assert.Contains("The page must be a whole number from 1 (was \"x\"); showing the first.", notANumber, StringComparison.Ordinal);
            Assert.Equal(openYellow.Take(50), Articles(notANumber));
            Assert.Contains(everyOpen[50], Articles(onItsPage));
            Assert.Contains("Page 2 of", onItsPage, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var warning in seeded)
            {
                await erp.Warnings().AnswerAsync(warning, new WarningAnswer(ErpHost.Start.AddDays(-9), ErpHost.OfficerName, CreditRole.CreditOfficer, [ResponseAction.CustomerVisit], "seeded for the paging test"));
            }
        }
    }

    [Fact]
    public async Task Show_NotSignedIn_GoesToTheSignIn()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = erp.Host.Client.BaseAddress };

        using var response = await browser.GetAsync(new Uri("/credit/warnings", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/credit/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The ids of the open warnings a page shows, in its order.</summary>
    private static List<string> Articles(string page) =>
        System.Text.RegularExpressions.Regex.Matches(page, "<article class=\"warning[^\"]*\" id=\"[^\"]+\" data-warning=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static string Article(WarningRecord warning) => $"id=\"{warning.Id}\" data-warning=\"{warning.Id}\"";

    private static string AnswerPath(WarningRecord warning) => $"/credit/warnings/{Uri.EscapeDataString(warning.Id)}/answer";

    private static string AnswerAction(WarningRecord warning) => $"action=\"{AnswerPath(warning)}\"";

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient browser, WarningRecord warning, string comment, params string[] actions) =>
        browser.PostFormAsync("/credit/warnings", AnswerPath(warning), [("back", "/credit/warnings"), ("comment", comment), .. actions.Select(a => ("actions", a))]);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
