using System.Net;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableTask.Core.History;
using CreditFlow.Storage.Approvals;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Host.Tests.Approvals;

/// <summary>The approval pages against the real approval workflow: what a link shows, and what a post records.</summary>
public sealed class ApprovalPagesTests(ApprovalHostFixture fixture) : IClassFixture<ApprovalHostFixture>
{
    private ApprovalHost Host => fixture.Host;

    [Fact]
    public async Task Get_OpenApproval_ShowsTheRequestEncodedWithTheForm()
    {
        var approval = await Host.StartApprovalAsync();

        var response = await Host.GetAsync(approval.LinkPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>Trial limit for Acme &lt;Tools&gt; &amp; Sons ({approval.Request.SubjectId})</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Tools>", html, StringComparison.Ordinal);
        Assert.Contains("50,000.00 EUR", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Score</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">current ratio</th><td>1.8 (80 points)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;none yet&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Exposure</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"{ApprovalHost.Officer}, credit officer", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
        // The form posts back to the link relative to it (the token alone), so a proxy's path prefix stays in the address.
        Assert.Contains($" action=\"{approval.LinkPath["/approvals/".Length..]}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/", html, StringComparison.Ordinal);
        foreach (var decision in new[] { "approve", "reject", "lower" })
        {
            Assert.Contains($"name=\"decision\" value=\"{decision}\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Twice_DecidesNothing_InstanceStillWaits()
    {
        var approval = await Host.StartApprovalAsync();

        var first = await Host.GetAsync(approval.LinkPath);
        var second = await Host.GetAsync(approval.LinkPath);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(await Host.RecordsAsync(approval));
        var instance = await Host.Durable.GetInstanceAsync(approval.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
        Assert.Equal(ApprovalHost.FirstStep, instance.ReadCustomStatusAs<PendingApproval>()!.Step);

        // The link still works: looking did not use it.
        Assert.Equal(HttpStatusCode.OK, (await Host.ApproveAsync(approval.LinkPath)).StatusCode);
    }

    [Theory]
    [InlineData("approve", "", "", ApprovalOutcome.Approved, null, "Recorded: Approved")]
    [InlineData("reject", "", "Two payments over 60 days late.", ApprovalOutcome.Rejected, null, "Recorded: Rejected")]
    [InlineData("lower", "30000", "Start at 30k.", ApprovalOutcome.ApprovedLower, 30000.0, "Recorded: Approved a lower amount, 30,000.00 EUR")]
    public async Task Post_ValidDecision_RecordedAndTheWorkflowEndsWithIt(string decision, string amount, string comment, ApprovalOutcome outcome, double? lower, string heading)
    {
        var approval = await Host.StartApprovalAsync();
        Money? expectedAmount = lower is { } l ? Money.Of((decimal)l, "EUR") : null;

        var response = await Host.PostAsync(approval.LinkPath, [("decision", decision), ("amount", amount), ("comment", comment)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1>{heading}</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var record = Assert.Single(await Host.RecordsAsync(approval));
        Assert.Equal(
            (ApprovalHost.FirstStep, CreditRole.CreditOfficer, outcome, expectedAmount, comment, ApprovalHost.Officer, ApprovalHost.Monday),
            (record.Step, record.ApproverRole, record.Outcome, record.ApprovedAmount, record.Comment, record.DecidedBy, record.DecidedAt));
        var done = await Host.WaitForCompletionAsync(approval.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(
            new ApprovalDecision(ApprovalHost.FirstStep, outcome, expectedAmount, comment, ApprovalHost.Officer, CreditRole.CreditOfficer, ApprovalHost.Monday),
            done.ReadOutputAs<ApprovalDecision>());
    }

    [Fact]
    public async Task Post_Reused_409AndStillOneRecord()
    {
        var approval = await Host.StartApprovalAsync();
        Assert.Equal(HttpStatusCode.OK, (await Host.ApproveAsync(approval.LinkPath)).StatusCode);

        var again = await Host.PostAsync(approval.LinkPath, [("decision", "reject"), ("comment", "Changed my mind.")]);
        var look = await Host.GetAsync(approval.LinkPath);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, look.StatusCode);
        Assert.Contains($"decided: Approved, by {ApprovalHost.Officer}", await look.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalOutcome.Approved, Assert.Single(await Host.RecordsAsync(approval)).Outcome);
    }

    [Fact]
    public async Task Post_TwiceInParallel_One200One409_OneRecordOneEvent()
    {
        var approval = await Host.StartApprovalAsync();

        var responses = await Task.WhenAll(
            Host.ApproveAsync(approval.LinkPath),
            Host.PostAsync(approval.LinkPath, [("decision", "reject"), ("comment", "No.")]));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var record = Assert.Single(await Host.RecordsAsync(approval));
        var done = await Host.WaitForCompletionAsync(approval.InstanceId);
        Assert.Equal(record.Outcome, done.ReadOutputAs<ApprovalDecision>()!.Outcome);
        Assert.Single((await Host.Durable.GetOrchestrationHistoryAsync(approval.InstanceId)).OfType<EventRaisedEvent>(), e => e.Name == ApprovalEvents.Decision);
    }

    [Fact]
    public async Task Post_TwoLinksForOneStepInParallel_One200One409_OneRecord()
    {
        // A reminder carries a new link to the same step: either may be used, the step is decided once.
        var approval = await Host.StartApprovalAsync();
        var second = Host.PathOf(Host.Links.Create(approval.InstanceId, ApprovalHost.FirstStep, ApprovalHost.Officer, CreditRole.CreditOfficer));

        var responses = await Task.WhenAll(Host.ApproveAsync(approval.LinkPath), Host.ApproveAsync(second));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Single(await Host.RecordsAsync(approval));
    }

    [Fact]
    public async Task Tampered_403_NothingRecorded()
    {
        var approval = await Host.StartApprovalAsync();
        var path = approval.LinkPath;
        var i = "/approvals/".Length + 5; // inside the payload, before the '.'
        var tampered = string.Concat(path.AsSpan(0, i), path[i] == 'A' ? "B" : "A", path.AsSpan(i + 1));

        var get = await Host.GetAsync(tampered);
        var post = await Host.ApproveAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("not genuine", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Host.RecordsAsync(approval));
    }

    [Theory]
    [InlineData("/approvals/not-a-token")]
    [InlineData("/approvals/a.b.c")]
    [InlineData("/approvals/%3Cscript%3E.x")]
    public async Task Malformed_400(string path)
    {
        var get = await Host.GetAsync(path);
        var post = await Host.ApproveAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("not a valid approval link", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownInstance_404()
    {
        var path = Host.PathOf(Host.Links.Create("no-such-approval", ApprovalHost.FirstStep, ApprovalHost.Officer, CreditRole.CreditOfficer));

        var get = await Host.GetAsync(path);
        var post = await Host.ApproveAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task ForeignApprover_403_NothingRecorded()
    {
        var approval = await Host.StartApprovalAsync();
        var foreign = Host.PathOf(Host.Links.Create(approval.InstanceId, ApprovalHost.FirstStep, "intruder@example.com", CreditRole.CreditOfficer));

        var get = await Host.GetAsync(foreign);
        var post = await Host.ApproveAsync(foreign);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("issued to someone else", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Host.RecordsAsync(approval));
        Assert.Equal(HttpStatusCode.OK, (await Host.GetAsync(approval.LinkPath)).StatusCode);
    }

    [Fact]
    public async Task ForeignStep_409_NothingRecorded()
    {
        var approval = await Host.StartApprovalAsync();
        var foreign = Host.PathOf(Host.Links.Create(approval.InstanceId, "1.2-CreditManager", ApprovalHost.Manager, CreditRole.CreditManager));

        var get = await Host.GetAsync(foreign);
        var post = await Host.ApproveAsync(foreign);

        Assert.Equal(HttpStatusCode.Conflict, get.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Contains("No longer waiting for this decision", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Host.RecordsAsync(approval));
        Assert.Equal(ApprovalHost.FirstStep, (await Host.WaitForPendingAsync(approval.InstanceId, _ => true)).Step);
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("null", null)]
    [InlineData(null, "https://evil.example/phish.html")]
    public async Task Post_CrossOrigin_403_NothingRecorded(string? origin, string? referer)
    {
        var approval = await Host.StartApprovalAsync();

        var response = await Host.PostAsync(approval.LinkPath, [("decision", "approve")], origin, referer);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-origin request refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Host.RecordsAsync(approval));
        Assert.Equal(HttpStatusCode.OK, (await Host.ApproveAsync(approval.LinkPath)).StatusCode);
    }

    [Theory]
    [InlineData("public")] // behind a proxy the browser's origin is PublicBaseUrl's
    [InlineData("referer")]
    [InlineData("none")] // not a browser: the token is the credential
    public async Task Post_SameSiteOrNoOrigin_Accepted(string kind)
    {
        var approval = await Host.StartApprovalAsync();

        var response = kind switch
        {
            "public" => await Host.PostAsync(approval.LinkPath, [("decision", "approve")], "https://credit.example.test"),
            "referer" => await Host.PostAsync(approval.LinkPath, [("decision", "approve")], origin: null, referer: Host.OwnOrigin + approval.LinkPath),
            _ => await Host.PostAsync(approval.LinkPath, [("decision", "approve")], origin: null),
        };

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await Host.RecordsAsync(approval));
    }

    [Theory]
    [InlineData("maybe", "", "x", "decision")]
    [InlineData("", "", "", "decision")]
    [InlineData("reject", "", "", "comment")]
    [InlineData("lower", "30000", " ", "comment")]
    [InlineData("lower", "", "Less.", "lower amount")]
    [InlineData("lower", "0", "Less.", "lower amount")]
    [InlineData("lower", "50000", "Less.", "lower amount")]
    [InlineData("lower", "1e4", "Less.", "lower amount")]
    public async Task Post_BadField_400NamingIt_NothingRecorded_LinkStillWorks(string decision, string amount, string comment, string field)
    {
        var approval = await Host.StartApprovalAsync();

        var response = await Host.PostAsync(approval.LinkPath, [("decision", decision), ("amount", amount), ("comment", comment)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"Please correct the {field}:", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
        Assert.Empty(await Host.RecordsAsync(approval));
        Assert.Equal(HttpStatusCode.OK, (await Host.ApproveAsync(approval.LinkPath)).StatusCode);
    }

    [Fact]
    public async Task Post_NotAForm_400NamingDecision()
    {
        var approval = await Host.StartApprovalAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(approval.LinkPath, UriKind.Relative)) { Content = new StringContent("{}") };

        var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please correct the decision:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Host.RecordsAsync(approval));
    }
}
