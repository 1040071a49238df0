using System.Net;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Host.Tests.Approvals;

/// <summary>Approval links as the clock moves: expiry, and escalation past the first approver. One host per test, as each moves its clock.</summary>
public sealed class ApprovalLinkTimeTests
{
    [Fact]
    public async Task Expired_410SayingWhen_NothingRecorded()
    {
        await using var host = await ApprovalHost.StartAsync();
        var approval = await host.StartApprovalAsync();

        host.Clock.Advance(TimeSpan.FromDays(5));
        var get = await host.GetAsync(approval.LinkPath);
        var post = await host.ApproveAsync(approval.LinkPath);

        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        var html = await get.Content.ReadAsStringAsync();
        Assert.Contains("This approval link has expired", html, StringComparison.Ordinal);
        Assert.Contains("It worked until 2026-01-10 09:00 UTC.", html, StringComparison.Ordinal);
        Assert.Empty(await host.RecordsAsync(approval));
    }

    [Fact]
    public async Task Escalated_OldLink409MovedOn_ManagersLinkDecides()
    {
        await using var host = await ApprovalHost.StartAsync();
        var approval = await host.StartApprovalAsync();

        host.Clock.Advance(TimeSpan.FromDays(2)); // Wednesday 09:00: reminded Tuesday, escalated now
        await host.WaitForPendingAsync(approval.InstanceId, p => p.Step == "1.2-CreditManager");
        var managerLink = await host.LinkPathAsync(ApprovalHost.Manager, approval.Request.SubjectId);
        var old = await host.GetAsync(approval.LinkPath);
        var oldPost = await host.ApproveAsync(approval.LinkPath);
        var decided = await host.PostAsync(managerLink, [("decision", "lower"), ("amount", "20000"), ("comment", "Officer was away; start lower.")]);

        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Contains("now waits for the credit manager", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, oldPost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var record = Assert.Single(await host.RecordsAsync(approval));
        Assert.Equal(("1.2-CreditManager", CreditRole.CreditManager, ApprovalHost.Manager), (record.Step, record.ApproverRole, record.DecidedBy));
        var done = await host.WaitForCompletionAsync(approval.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(CreditRole.CreditManager, done.ReadOutputAs<ApprovalDecision>()!.DecidedByRole);
    }
}
