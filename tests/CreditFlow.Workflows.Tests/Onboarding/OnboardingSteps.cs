using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Storage.Approvals;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.Tests.Testing;

namespace CreditFlow.Workflows.Tests.Onboarding;

/// <summary>What the tests do to an onboarding: file it, wait for a stage, answer its approvals.</summary>
internal static class OnboardingSteps
{
    public static async Task<string> FileAsync(this WorkflowTestHost host, CreditApplicationRequest application) =>
        await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(OnboardingWorkflow), application, new StartOrchestrationOptions { InstanceId = application.ApplicationId });

    public static Task<OnboardingProgress> StageAsync(this WorkflowTestHost host, string applicationId, string stage) =>
        host.WaitForStatusAsync<OnboardingProgress>(applicationId, p => p.Stage == stage);

    /// <summary>Waits for the application's open approval and answers it as its approver would.</summary>
    public static async Task<PendingApproval> AnswerApprovalAsync(
        this WorkflowTestHost host, string applicationId, ApprovalOutcome outcome, Money? lower = null, string comment = "checked", int? step = null, CreditRole? role = null)
    {
        var progress = await host.WaitForStatusAsync<OnboardingProgress>(
            applicationId, p => p.Stage == "WaitingForApproval" && (step is null || p.ApprovalInstanceId!.EndsWith($"-approval-{step}", StringComparison.Ordinal)));
        var approvalId = progress.ApprovalInstanceId!;
        var pending = await host.WaitForStatusAsync<PendingApproval>(approvalId, p => role is null || p.Role == role);
        await host.Client.RaiseEventAsync(approvalId, ApprovalEvents.Decision, new ApprovalDecision(
            pending.Step, outcome, lower, comment, pending.ApproverEmail, pending.Role, host.Now));
        await host.WaitForStatusAsync<OnboardingProgress>(applicationId, p => p.ApprovalInstanceId != approvalId || p.Stage != "WaitingForApproval");
        return pending;
    }

    public static string ApproverOf(CreditRole role) => new ApproverDirectory().AddressOf(role);
}
