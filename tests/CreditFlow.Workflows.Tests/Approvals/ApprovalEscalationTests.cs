using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Roles;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.Tests.Onboarding;
using CreditFlow.Workflows.Tests.Testing;

namespace CreditFlow.Workflows.Tests.Approvals;

/// <summary>Unanswered approvals: a reminder after one working day, escalation after two, weekends not counted.</summary>
public sealed class ApprovalEscalationTests
{
    [Fact]
    public async Task AskedOnThursday_RemindedFriday_EscalatedToManagerOnMonday()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var officer = OnboardingSteps.ApproverOf(CreditRole.CreditOfficer);
        var manager = OnboardingSteps.ApproverOf(CreditRole.CreditManager);
        host.Clock.Advance(TimeSpan.FromDays(3)); // Thursday 09:00
        var application = Applications.Sound("Slow Approval Ltd") with { FiledAt = host.Clock.GetUtcNow() };

        await host.FileAsync(application);
        var progress = await host.StageAsync(application.ApplicationId, "WaitingForApproval");
        var asked = await host.WaitForStatusAsync<PendingApproval>(progress.ApprovalInstanceId!, _ => true);
        Assert.Equal(CreditRole.CreditOfficer, asked.Role);
        Assert.Equal(new DateTimeOffset(2026, 1, 9, 9, 0, 0, TimeSpan.Zero), asked.RemindAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero), asked.EscalateAt);

        host.Clock.Advance(TimeSpan.FromDays(1)); // Friday: reminder to the officer
        var officerMails = await host.WaitForMailAsync(officer, 2);
        Assert.StartsWith("Reminder:", officerMails[1].Subject, StringComparison.Ordinal);

        host.Clock.Advance(TimeSpan.FromDays(2)); // Sunday: not a working day, nothing moves
        host.Clock.Advance(TimeSpan.FromDays(1)); // Monday: escalated
        var escalated = await host.WaitForStatusAsync<PendingApproval>(progress.ApprovalInstanceId!, p => p.Role == CreditRole.CreditManager);
        var managerMail = Assert.Single(await host.WaitForMailAsync(manager));

        Assert.Equal("1.2-CreditManager", escalated.Step);
        Assert.StartsWith("Escalated to you:", managerMail.Subject, StringComparison.Ordinal);
        Assert.Contains(escalated.Step, managerMail.Links.Single().Url.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, host.Mail.To(officer).Count);
    }

    [Fact]
    public async Task TheMailServiceDownTwice_TheRequestIsSentOnItsThirdTry_AndTheApprovalWaitsAsUsual()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var officer = OnboardingSteps.ApproverOf(CreditRole.CreditOfficer);
        var application = Applications.Sound("Flaky Mail Trading");
        host.Mail.FailNext(2);

        await host.FileAsync(application);
        var progress = await host.StageAsync(application.ApplicationId, "WaitingForApproval");

        // The first try fails; 30 s later the second; 60 s after that the third goes out. The retry's timer is set only
        // after the failure is seen here, so the clock is moved on until the next try has happened, not once.
        await WaitAsync(() => host.Mail.Failed == 1);
        await AdvanceUntilAsync(host, TimeSpan.FromSeconds(30), () => host.Mail.Failed == 2);
        await AdvanceUntilAsync(host, TimeSpan.FromSeconds(60), () => host.Mail.To(officer).Count == 1);
        var request = Assert.Single(await host.WaitForMailAsync(officer));

        Assert.StartsWith("Approval needed:", request.Subject, StringComparison.Ordinal);
        var asked = await host.WaitForStatusAsync<PendingApproval>(progress.ApprovalInstanceId!, _ => true);
        Assert.Equal(CreditRole.CreditOfficer, asked.Role);
        await host.AnswerApprovalAsync(application.ApplicationId, Domain.Authority.ApprovalOutcome.Approved);
        await host.StageAsync(application.ApplicationId, "Trial");
    }

    [Fact]
    public async Task DecisionForTheEscalatedStep_EndsTheApproval()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var application = Applications.Sound("Escalated Decision Ltd");

        await host.FileAsync(application);
        var progress = await host.StageAsync(application.ApplicationId, "WaitingForApproval");
        await host.WaitForStatusAsync<PendingApproval>(progress.ApprovalInstanceId!, _ => true);
        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.WaitForMailAsync(OnboardingSteps.ApproverOf(CreditRole.CreditOfficer), 2);
        host.Clock.Advance(TimeSpan.FromDays(1));
        var answered = await host.AnswerApprovalAsync(application.ApplicationId, Domain.Authority.ApprovalOutcome.Approved, role: CreditRole.CreditManager);

        Assert.Equal(CreditRole.CreditManager, answered.Role);
        await host.StageAsync(application.ApplicationId, "Trial");
        var decisions = await host.Store.Decisions.ListForCustomerAsync(application.Customer.Id);
        Assert.Equal(OnboardingSteps.ApproverOf(CreditRole.CreditManager), decisions.Single(d => d.What.StartsWith("trial granted", StringComparison.Ordinal)).DecidedBy);
    }

    /// <summary>
    /// Moves the clock on by <paramref name="step"/> until <paramref name="condition"/> holds (real time, bounded): a
    /// timer set just after a move would otherwise wait for a move that never comes.
    /// </summary>
    private static async Task AdvanceUntilAsync(WorkflowTestHost host, TimeSpan step, Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            host.Clock.Advance(step);
            var settled = DateTime.UtcNow + TimeSpan.FromSeconds(1);
            while (!condition() && DateTime.UtcNow < settled)
            {
                await Task.Delay(25, cts.Token);
            }
        }
    }

    /// <summary>Waits (real time, bounded) until <paramref name="condition"/> holds: the workflow runs on its own threads.</summary>
    private static async Task WaitAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(25, cts.Token);
        }
    }
}
