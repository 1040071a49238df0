using System.Net;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage.Warnings;
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
    public async Task Show_NotSignedIn_GoesToTheSignIn()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = erp.Host.Client.BaseAddress };

        using var response = await browser.GetAsync(new Uri("/credit/warnings", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/credit/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

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
        browser.PostAsync(new Uri(AnswerPath(warning), UriKind.Relative), Form([("back", "/credit/warnings"), ("comment", comment), .. actions.Select(a => ("actions", a))]));

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
