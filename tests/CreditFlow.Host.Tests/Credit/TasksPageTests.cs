using System.Net;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Receivables;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Host.Tests.Workspace;
using CreditFlow.Storage.Tasks;
using CreditFlow.Testing;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>The credit staff's tasks page <c>/credit/tasks</c> over HTTP, signed in with an API key as on the holds page.</summary>
[Collection(PaymentCollection.Name)]
public sealed class TasksPageTests(PaymentHost host)
{
    [Fact]
    public async Task Show_SignedIn_ListsTheRolesOpenTasks_OverdueOnesMarked()
    {
        var customer = await host.CustomerAsync("Dongguan Harbour Plastics");
        var now = host.Clock.GetUtcNow();
        var late = await AddAsync(customer, "Call the customer about INV-1 (7 days overdue)", CreditRole.CreditOfficer, now.AddHours(-5));
        var later = await AddAsync(customer, "Write the special collection plan", CreditRole.CreditOfficer, now.AddDays(3));
        var sales = await AddAsync(customer, "Visit the customer with credit", CreditRole.SalesRep, now.AddDays(1));
        using var browser = await host.SignedInAsync(PaymentHost.OfficerKey);

        var mine = await (await browser.GetAsync("/credit/tasks")).Content.ReadAsStringAsync();
        var all = await (await browser.GetAsync("/credit/tasks?role=all")).Content.ReadAsStringAsync();

        Assert.Contains($"<tr data-task=\"{late.Id}\" class=\"overdue\">", mine, StringComparison.Ordinal);
        Assert.Contains("overdue by 5 h", mine, StringComparison.Ordinal);
        Assert.Contains($"<tr data-task=\"{later.Id}\">", mine, StringComparison.Ordinal);
        Assert.Contains("Dongguan Harbour Plastics", mine, StringComparison.Ordinal);
        Assert.DoesNotContain(sales.Id, mine, StringComparison.Ordinal);
        Assert.Contains(sales.Id, all, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/tasks\" class=\"on\" aria-current=\"page\">Tasks</a>", mine, StringComparison.Ordinal);

        // Its times (now, each task's due and asked) are time elements the script shows in the reader's locale and zone.
        var shown = TimeElements.AllIn(mine, atLeast: 5);
        Assert.Contains($"<td class=\"due\">{TimeElements.Of(late.DueAt)}", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_WithOutcome_RecordsOutcomeAndCompletedBy_AndListsItDone()
    {
        var customer = await host.CustomerAsync();
        var task = await AddAsync(customer, "Call the customer about the overdue invoice", CreditRole.CreditOfficer, host.Clock.GetUtcNow().AddDays(1));
        using var browser = await host.SignedInAsync(PaymentHost.OfficerKey);

        using var posted = await browser.PostFormAsync("/credit/tasks", $"/credit/tasks/{task.Id}/complete", ("outcome", "customer promised 15 March"), ("back", "/credit/tasks"));
        var page = await (await browser.GetAsync(posted.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var done = await host.Host.Services.GetRequiredService<CreditTaskStore>().GetAsync(task.Id);
        Assert.False(done!.IsOpen);
        Assert.Equal(("customer promised 15 March", PaymentHost.OfficerName), (done.Outcome, done.CompletedBy));
        Assert.Contains("Completed “Call the customer about the overdue invoice”", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var doneTable = page[page.IndexOf("id=\"done-tasks\"", StringComparison.Ordinal)..];
        Assert.Contains(task.Id, doneTable, StringComparison.Ordinal);
        Assert.Contains("customer promised 15 March", doneTable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_EmptyOutcome_IsRefusedVisibly_AndTheTaskStaysOpen()
    {
        var customer = await host.CustomerAsync();
        var task = await AddAsync(customer, "Collect jointly with sales", CreditRole.CreditOfficer, host.Clock.GetUtcNow().AddDays(1));
        using var browser = await host.SignedInAsync(PaymentHost.OfficerKey);

        using var posted = await browser.PostFormAsync("/credit/tasks", $"/credit/tasks/{task.Id}/complete", ("outcome", "  "), ("back", "/credit/tasks"));
        var page = await (await browser.GetAsync(posted.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains("class=\"flash error\"", page, StringComparison.Ordinal);
        Assert.Contains("Outcome is required", page, StringComparison.Ordinal);
        Assert.True((await host.Host.Services.GetRequiredService<CreditTaskStore>().GetAsync(task.Id))!.IsOpen);
    }

    [Fact]
    public async Task Show_NotSignedIn_GoesToTheSignIn()
    {
        using var response = await host.Client.GetAsync("/credit/tasks");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/credit/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongList_FiftyTasksAPage_WithTheWayThrough_PastTheEndTheLast_AndABadPageSaidAndTheFirstShown()
    {
        var customer = await host.CustomerAsync("Foshan Long List Ceramics");
        var now = host.Clock.GetUtcNow();
        for (var i = 0; i < 60; i++)
        {
            await AddAsync(customer, $"Check the remittance advice {i:00}", CreditRole.Finance, now.AddHours(i + 1));
        }

        var total = (await host.Host.Services.GetRequiredService<CreditTaskStore>().ListAsync(role: CreditRole.Finance)).Count;
        var pages = (total + 49) / 50;
        using var browser = await host.SignedInAsync(PaymentHost.OfficerKey);

        var firstAsSent = await browser.GetStringAsync("/credit/tasks?role=Finance");
        var first = WebUtility.HtmlDecode(firstAsSent);
        var last = WebUtility.HtmlDecode(await browser.GetStringAsync($"/credit/tasks?role=Finance&page={pages}"));
        var beyond = WebUtility.HtmlDecode(await browser.GetStringAsync("/credit/tasks?role=Finance&page=999"));
        var bad = WebUtility.HtmlDecode(await browser.GetStringAsync("/credit/tasks?role=Finance&page=two"));

        Assert.Equal(50, OpenRows(first));
        Assert.Contains($"<b>{total}</b> open", first, StringComparison.Ordinal);
        Assert.Contains($"Rows 1–50 of {total:N0}", first, StringComparison.Ordinal);
        Assert.Contains($"Page 1 of {pages}", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/credit/tasks?role=Finance&amp;page=2\" rel=\"next\"", firstAsSent, StringComparison.Ordinal);
        Assert.Equal(total - ((pages - 1) * 50), OpenRows(last));
        Assert.Contains($"Rows {((pages - 1) * 50) + 1}–{total:N0} of {total:N0}", last, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", last, StringComparison.Ordinal);
        Assert.Equal(OpenRows(last), OpenRows(beyond));
        Assert.Contains("The page must be a whole number from 1 (was \"two\"); showing the first.", bad, StringComparison.Ordinal);
        Assert.Equal(50, OpenRows(bad));
    }

    /// <summary>The rows of the open tasks' table.</summary>
    private static int OpenRows(string page)
    {
        var table = page[page.IndexOf("id=\"open-tasks\"", StringComparison.Ordinal)..];
        return System.Text.RegularExpressions.Regex.Count(table[..table.IndexOf("</table>", StringComparison.Ordinal)], "<tr data-task=");
    }

    [Fact]
    public async Task Complete_SameSiteWithoutTheFormToken_Answers400WithTheNotice_AndTheTaskStaysOpen()
    {
        var customer = await host.CustomerAsync();
        var task = await AddAsync(customer, "Confirm the new delivery address", CreditRole.CreditOfficer, host.Clock.GetUtcNow().AddDays(1));
        using var browser = await host.SignedInAsync(PaymentHost.OfficerKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/credit/tasks/{task.Id}/complete")
        {
            Content = new FormUrlEncodedContent([new("outcome", "address confirmed"), new("back", "/credit/tasks")]),
        };
        request.Headers.Add("Origin", host.Host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));

        using var posted = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var notice = await posted.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Form out of date</h1>", notice, StringComparison.Ordinal);
        Assert.Contains("This form was out of date, so nothing was changed. Open the page again and send the form from there.", notice, StringComparison.Ordinal);
        Assert.True((await host.Host.Services.GetRequiredService<CreditTaskStore>().GetAsync(task.Id))!.IsOpen);
    }

    [Fact]
    public async Task Complete_WithTheTokenOfAnotherSession_Answers400_AndTheTaskStaysOpen()
    {
        var customer = await host.CustomerAsync();
        var task = await AddAsync(customer, "Ask for the signed contract", CreditRole.CreditOfficer, host.Clock.GetUtcNow().AddDays(1));
        using var browser = await host.SignedInAsync(PaymentHost.OfficerKey);
        using var other = await host.SignedInAsync(PaymentHost.OfficerKey);

        // The same user in another browser: its page's token does not go with this browser's cookie.
        using var posted = await browser.PostAsync(
            $"/credit/tasks/{task.Id}/complete", FormPosts.Form(await other.TokenAsync("/credit/tasks"), [("outcome", "contract received"), ("back", "/credit/tasks")]));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("<h1>Form out of date</h1>", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await host.Host.Services.GetRequiredService<CreditTaskStore>().GetAsync(task.Id))!.IsOpen);
    }

    private async Task<CreditTask> AddAsync(string customerId, string title, CreditRole role, DateTimeOffset dueAt) =>
        await host.Host.Services.GetRequiredService<CreditTaskStore>().AddOnceAsync(
            new CreditTask(UniqueName.For("task"), title, role, customerId, UniqueName.For("INV"), host.Clock.GetUtcNow().AddDays(-1), dueAt));
}
