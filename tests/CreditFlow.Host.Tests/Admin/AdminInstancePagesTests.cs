using System.Net;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using CreditFlow.Host.Tests.Security;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableTask.Core.History;
using static CreditFlow.Host.Tests.Admin.AdminHostFixture;

namespace CreditFlow.Host.Tests.Admin;

/// <summary>
/// The monitor's instance list, instance page and actions, alike on both engines: every test here runs once per
/// engine (<see cref="AdminInstancePagesTests"/>, <see cref="AdminInstancePagesOnAzureStorageTests"/>).
/// </summary>
public abstract class AdminInstancePagesContract(AdminHostFixture host)
{
    private readonly string _prefix = $"adm{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task List_StartedInstances_ShownAndFiltered()
    {
        var hello = await StartAsync("HelloSequence", null, "-hello");
        var wait = await StartAsync("ApprovalWait", 300, "-wait");
        await host.WaitForCompletionAsync(hello);
        await host.WaitForStartAsync(wait);
        using var browser = await host.SignedInBrowserAsync();

        var all = await GetPageAsync(browser, $"/admin?prefix={_prefix}");
        var completed = await GetPageAsync(browser, $"/admin?prefix={_prefix}&status=Completed");
        var byName = await GetPageAsync(browser, $"/admin?prefix={_prefix}&name=ApprovalWait");
        var otherPrefix = await GetPageAsync(browser, $"/admin?prefix={_prefix}-nothing");

        Assert.Contains(hello, all, StringComparison.Ordinal);
        Assert.Contains(wait, all, StringComparison.Ordinal);
        Assert.Contains(hello, completed, StringComparison.Ordinal);
        Assert.DoesNotContain(wait, completed, StringComparison.Ordinal);
        Assert.Contains(wait, byName, StringComparison.Ordinal);
        Assert.DoesNotContain(hello, byName, StringComparison.Ordinal);
        Assert.Contains("No instances match.", otherPrefix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PageSizeOne_NextLinkLeadsToTheSecondInstance()
    {
        var first = await StartAsync("HelloSequence", null, "-a");
        var second = await StartAsync("HelloSequence", null, "-b");
        using var browser = await host.SignedInBrowserAsync();

        var page1 = await GetPageAsync(browser, $"/admin?prefix={_prefix}&top=1");
        var next = System.Text.RegularExpressions.Regex.Match(page1, "id=\"next-page\" href=\"([^\"]+)\"").Groups[1].Value;
        var page2 = await GetPageAsync(browser, WebUtility.HtmlDecode(next));

        Assert.Contains(first, page1, StringComparison.Ordinal);
        Assert.DoesNotContain(second, page1, StringComparison.Ordinal);
        Assert.Contains(second, page2, StringComparison.Ordinal);
        Assert.Contains("First page", page2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadDate_Answers400WithTheProblem()
    {
        using var browser = await host.SignedInBrowserAsync();

        using var response = await browser.GetAsync(new Uri("/admin?from=yesterday", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Created from: &#x27;yesterday&#x27; is not a date", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstancePage_CompletedHelloSequence_ShowsOutputHistoryAndTimeline()
    {
        var id = await StartAsync("HelloSequence", null, "-page");
        await host.WaitForCompletionAsync(id);
        using var browser = await host.SignedInBrowserAsync();

        var page = await GetPageAsync(browser, $"/admin/instances/{id}");

        Assert.Contains("Hello Tokyo!", page, StringComparison.Ordinal);
        Assert.Contains("Hello London!", page, StringComparison.Ordinal);
        Assert.Contains("s-Completed", page, StringComparison.Ordinal);
        Assert.Contains("<table id=\"history\" class=\"figures\">", page, StringComparison.Ordinal);
        Assert.Contains("<td>TaskScheduled</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>TaskCompleted</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>ExecutionCompleted</td>", page, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"timeline\"", page, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(page, "<rect class=\"bar activity\""));
        Assert.Contains("id=\"purge-form\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstancePage_HoldWithAnApprovalChild_EnumsByNameAndTheChildLinked()
    {
        var hold = await host.HoldCancelledWhileItsApprovalWasOpenAsync();
        using var browser = await host.SignedInBrowserAsync();

        var page = await GetPageAsync(browser, $"/admin/instances/{hold.HoldId}");

        Assert.Contains("&quot;approverRole&quot;: &quot;CreditManager&quot;", page, StringComparison.Ordinal); // stored as 2
        Assert.Contains("&quot;resolution&quot;: &quot;Withdrawn&quot;", page, StringComparison.Ordinal); // stored as 3
        Assert.Contains($"<a href=\"/admin/instances/{hold.ApprovalInstanceId}\">", page, StringComparison.Ordinal); // timeline
        Assert.Contains($"<a class=\"mono\" href=\"/admin/instances/{hold.ApprovalInstanceId}\">", page, StringComparison.Ordinal); // history
    }

    [Fact]
    public async Task InstancePage_UnknownId_Answers404()
    {
        using var browser = await host.SignedInBrowserAsync();

        using var response = await browser.GetAsync(new Uri($"/admin/instances/{_prefix}-missing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RaiseEventForm_Confirmed_CompletesApprovalWait()
    {
        var id = await StartAsync("ApprovalWait", 300, "-raise");
        await host.WaitForStartAsync(id);
        using var browser = await host.SignedInBrowserAsync();
        var action = $"/admin/instances/{id}/raise-event";

        using var unconfirmed = await browser.PostFormAsync($"/admin/instances/{id}", action, ("name", "Approval"), ("payload", "\"alice\""), ("confirm", ""));
        var confirmPage = await unconfirmed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Please confirm", confirmPage, StringComparison.Ordinal);
        Assert.Contains("name=\"confirm\" value=\"yes\"", confirmPage, StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Durable.GetOrchestrationHistoryAsync(id), e => e is EventRaisedEvent);

        // The confirmation page's own form, with its token and the fields posted again.
        using var confirmed = await browser.PostAsync(action, FormPosts.Form(FormPosts.TokenIn(confirmPage)!, [("name", "Approval"), ("payload", "\"alice\""), ("confirm", "yes")]));

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal($"/admin/instances/{id}", confirmed.Headers.Location!.OriginalString);
        var done = await host.WaitForCompletionAsync(id);
        Assert.Equal("approved by alice", done.ReadOutputAs<string>());
        var page = await GetPageAsync(browser, $"/admin/instances/{id}");
        Assert.Contains("Event &#x27;Approval&#x27; sent to", page, StringComparison.Ordinal);
        Assert.Contains("approved by alice", page, StringComparison.Ordinal);
        Assert.Contains("<td>EventRaised</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseEventForm_BadJson_ShowsErrorAndSendsNothing()
    {
        var id = await StartAsync("ApprovalWait", 300, "-badjson");
        await host.WaitForStartAsync(id);
        using var browser = await host.SignedInBrowserAsync();

        using var response = await browser.PostFormAsync($"/admin/instances/{id}", $"/admin/instances/{id}/raise-event", ("name", "Approval"), ("payload", "{oops"), ("confirm", "yes"));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The payload is not valid JSON", page, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", page, StringComparison.Ordinal);
        Assert.Contains(">{oops</textarea>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Durable.GetOrchestrationHistoryAsync(id), e => e is EventRaisedEvent);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Durable.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task PurgeForm_CompletedInstance_RemovesItAndReturnsToTheList()
    {
        var id = await StartAsync("HelloSequence", null, "-purge");
        await host.WaitForCompletionAsync(id);
        using var browser = await host.SignedInBrowserAsync();

        using var response = await browser.PostFormAsync($"/admin/instances/{id}", $"/admin/instances/{id}/purge", ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        Assert.Null(await host.Durable.GetInstanceAsync(id));
        Assert.Contains($"Purged {id}.", await GetPageAsync(browser, "/admin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurgeForm_RunningInstance_FlashesWhyAndKeepsIt()
    {
        var id = await StartAsync("ApprovalWait", 300, "-purgerunning");
        await host.WaitForStartAsync(id);
        using var browser = await host.SignedInBrowserAsync();

        using var response = await browser.PostFormAsync($"/admin/instances/{id}", $"/admin/instances/{id}/purge", ("confirm", "yes"));

        Assert.Equal($"/admin/instances/{id}", response.Headers.Location!.OriginalString);
        Assert.Contains("Cannot purge instance", await GetPageAsync(browser, $"/admin/instances/{id}"), StringComparison.Ordinal);
        Assert.NotNull(await host.Durable.GetInstanceAsync(id));
        await host.Durable.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task RestartForm_NewId_RunsTheInputAgainUnderTheNewId()
    {
        var id = await StartAsync("HelloSequence", null, "-restart");
        await host.WaitForCompletionAsync(id);
        using var browser = await host.SignedInBrowserAsync();

        using var response = await browser.PostFormAsync($"/admin/instances/{id}", $"/admin/instances/{id}/restart", ("mode", "new"), ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/instances/", location, StringComparison.Ordinal);
        var newId = Uri.UnescapeDataString(location["/admin/instances/".Length..]);
        Assert.NotEqual(id, newId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitForCompletionAsync(newId)).RuntimeStatus);
        Assert.Contains($"Restarted {id} as {newId}.", await GetPageAsync(browser, location), StringComparison.Ordinal);
    }

    private protected AdminHostFixture Host => host;

    private Task<string> StartAsync(string name, object? input, string suffix) =>
        host.Durable.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions { InstanceId = _prefix + suffix });

    private protected static async Task<string> GetPageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>The monitor on CreditFlow's engine, with its poison queue.</summary>
public sealed class AdminInstancePagesTests(AdminHostFixture host) : AdminInstancePagesContract(host), IClassFixture<AdminHostFixture>
{
    // Only on this engine: the history Microsoft's engine hands out has no activity inputs, so CloseApproval's argument cannot be read there.
    [Fact]
    public async Task InstancePage_HoldThatClosedItsApproval_ChildEndedByTheParentNotFailed()
    {
        var hold = await Host.HoldCancelledWhileItsApprovalWasOpenAsync();
        using var browser = await Host.SignedInBrowserAsync();

        var page = await GetPageAsync(browser, $"/admin/instances/{hold.HoldId}");

        Assert.Contains("<rect class=\"bar ended\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<rect class=\"bar failed\"", page, StringComparison.Ordinal);
        Assert.Contains("ApprovalWorkflow, ended by the parent (#1 CloseApproval) input=", page, StringComparison.Ordinal); // the history row of its creation
    }

    [Fact]
    public async Task PartitionsAndPoisonPages_Render()
    {
        using var browser = await Host.SignedInBrowserAsync();

        var partitions = await GetPageAsync(browser, "/admin/partitions");
        var poison = await GetPageAsync(browser, "/admin/poison");

        Assert.Contains("<table id=\"partitions\" class=\"figures\">", partitions, StringComparison.Ordinal);
        Assert.Contains("<tr><td>7</td>", partitions, StringComparison.Ordinal); // host.json of the tests: 8 partitions
        Assert.Contains("<table id=\"poison\" class=\"figures\">", poison, StringComparison.Ordinal);
    }
}

/// <summary>The monitor on Microsoft's engine: the same pages, and a poison page that says the engine has no poison queue.</summary>
public sealed class AdminInstancePagesOnAzureStorageTests(AzureStorageAdminHostFixture host) : AdminInstancePagesContract(host), IClassFixture<AzureStorageAdminHostFixture>
{
    [Fact]
    public async Task PartitionsPage_ShowsOwners_PoisonPage_SaysTheEngineHasNone()
    {
        using var browser = await Host.SignedInBrowserAsync();

        var partitions = await GetPageAsync(browser, "/admin/partitions");
        var poison = await GetPageAsync(browser, "/admin/poison");

        Assert.Contains("<tr><td>7</td>", partitions, StringComparison.Ordinal);
        Assert.Contains("<h2>Owners (1)</h2>", partitions, StringComparison.Ordinal);
        Assert.Contains("The durable engine is AzureStorage, which has no poison queue", poison, StringComparison.Ordinal);
        Assert.DoesNotContain("<table id=\"poison\"", poison, StringComparison.Ordinal);
    }
}
