using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Authority;
using CreditFlow.Workflows.Approvals;
using Microsoft.DurableTask;
using Moq;

namespace CreditFlow.Workflows.Tests.Approvals;

/// <summary>
/// Branches of <see cref="ApprovalWorkflow"/> on a mocked <see cref="TaskOrchestrationContext"/>, as
/// Durable Functions users test orchestrators: no storage, no clock, just the calls it makes.
/// </summary>
public sealed class ApprovalWorkflowBranchTests
{
    private static readonly DateTime Monday = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    private static readonly ApprovalRequest Request = new(
        "credit application", "app-1", "cust-1", "Acme Ltd", "Trial limit for Acme Ltd", new Money(100_000m, new Currency("CNY")), 1, CreditRole.CreditOfficer, []);

    [Fact]
    public async Task RunAsync_DecisionArrivesBeforeTheReminder_ReturnsItAfterOneMail()
    {
        var context = Context();
        var decision = new ApprovalDecision("1.1-CreditOfficer", ApprovalOutcome.Approved, null, string.Empty, "officer@creditflow.local", CreditRole.CreditOfficer, Monday.AddHours(2));
        context.Setup(c => c.WaitForExternalEvent<ApprovalDecision>(ApprovalEvents.Decision, It.IsAny<CancellationToken>())).ReturnsAsync(decision);

        var result = await new ApprovalWorkflow().RunAsync(context.Object, Request);

        Assert.Same(decision, result);
        context.Verify(c => c.CallActivityAsync<object>(It.Is<TaskName>(n => n.Name == nameof(SendApprovalMail)), It.Is<ApprovalMailInput>(m => m.Kind == ApprovalMailKind.Request && m.Approver.Role == CreditRole.CreditOfficer), It.IsAny<TaskOptions?>()), Times.Once);
        context.Verify(c => c.CallActivityAsync<object>(It.Is<TaskName>(n => n.Name == nameof(SendApprovalMail)), It.Is<ApprovalMailInput>(m => m.Kind != ApprovalMailKind.Request), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_AnswerForAnotherStep_IsIgnoredAndTheRecordedDecisionRead()
    {
        var context = Context();
        var stray = new ApprovalDecision("9.1-CreditOfficer", ApprovalOutcome.Rejected, null, "old link", "officer@creditflow.local", CreditRole.CreditOfficer, Monday);
        var recorded = new ApprovalDecision("1.1-CreditOfficer", ApprovalOutcome.Approved, null, string.Empty, "officer@creditflow.local", CreditRole.CreditOfficer, Monday.AddHours(1));
        context.SetupSequence(c => c.WaitForExternalEvent<ApprovalDecision>(ApprovalEvents.Decision, It.IsAny<CancellationToken>()))
            .ReturnsAsync(stray)
            .Returns(Task.FromCanceled<ApprovalDecision>(new CancellationToken(canceled: true)));
        context.Setup(c => c.CallActivityAsync<ApprovalDecision?>(It.Is<TaskName>(n => n.Name == nameof(FindRecordedDecision)), It.IsAny<RecordedDecisionQuery>(), It.IsAny<TaskOptions?>())).ReturnsAsync(recorded);

        var result = await new ApprovalWorkflow().RunAsync(context.Object, Request);

        Assert.Same(recorded, result);
    }

    /// <summary>A context at Monday 09:00 whose plan is officer then manager, reminding after 1 and escalating after 2 working days.</summary>
    private static Mock<TaskOrchestrationContext> Context()
    {
        var context = new Mock<TaskOrchestrationContext> { CallBase = true }; // the SDK's own overloads run, down to the abstract calls set up here
        context.SetupGet(c => c.InstanceId).Returns("app-1-approval-1");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Monday);
        context.Setup(c => c.NewGuid()).Returns(Guid.NewGuid);
        context.Setup(c => c.CallActivityAsync<ApprovalPlan>(It.Is<TaskName>(n => n.Name == nameof(PlanApproval)), CreditRole.CreditOfficer, It.IsAny<TaskOptions?>())).ReturnsAsync(new ApprovalPlan(
            [new ApproverRung(CreditRole.CreditOfficer, "officer@creditflow.local"), new ApproverRung(CreditRole.CreditManager, "manager@creditflow.local")],
            1, 2, [DayOfWeek.Saturday, DayOfWeek.Sunday]));
        context.Setup(c => c.CallActivityAsync<object>(It.Is<TaskName>(n => n.Name == nameof(SendApprovalMail)), It.IsAny<ApprovalMailInput>(), It.IsAny<TaskOptions?>())).ReturnsAsync((object)true);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource().Task);
        return context;
    }
}
