using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Roles;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Policies;
using Microsoft.DurableTask;
using Moq;

namespace CreditFlow.Workflows.Tests.Policies;

/// <summary><see cref="PolicyApprovalWorkflow"/> on a mocked <see cref="TaskOrchestrationContext"/>: the committee is asked with what changes, and its answer is booked.</summary>
public sealed class PolicyApprovalWorkflowBranchTests
{
    // As a request made before the changed values were kept arrives (its approval lists the changes as lines).
    private static readonly PolicyApprovalRequest Request = new(
        2, new DateOnly(2027, 1, 1), "overdue grew", "Sun Hao", "Sun Hao", 1,
        ["orderCheck.stopLineDaysOverdue: 30 → 20"], "12 orders of the last 30 days: 0 held then would pass, 3 passed then would be held", "CNY");

    [Fact]
    public async Task RunAsync_WithTheChangedValues_AsksWithATableOfWhatInForceAndProposed()
    {
        ApprovalRequest? asked = null;
        var request = Request with { ChangedValues = [new("orderCheck.stopLineDaysOverdue", "30", "20"), new("dunningLadder.steps[4].daysFromDue", "30", "25")] };
        var answer = new ApprovalDecision("1.1-CreditCommittee", ApprovalOutcome.Approved, null, "", "committee@example.com", CreditRole.CreditCommittee, DateTimeOffset.UnixEpoch);
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.CallSubOrchestratorAsync<ApprovalDecision>(It.Is<TaskName>(n => n.Name == nameof(ApprovalWorkflow)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => asked = (ApprovalRequest)input!)
            .ReturnsAsync(answer);
        context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(RecordPolicyDecision)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.CompletedTask);

        await new PolicyApprovalWorkflow().RunAsync(context.Object, request);

        var changes = Assert.Single(asked!.Sections, s => s.Title == "What it changes");
        Assert.Equal(
            [
                new ApprovalChange("Order check › stop line days overdue", "orderCheck.stopLineDaysOverdue", "30", "20"),
                new ApprovalChange("Dunning ladder › step 5 › days from due", "dunningLadder.steps[4].daysFromDue", "30", "25"),
            ],
            changes.Changes);
        Assert.Equal([("Impact (simulation)", Request.Impact!)], changes.Facts.Select(f => (f.Label, f.Value)));
    }

    [Theory]
    [InlineData(ApprovalOutcome.Approved, "Approved")]
    [InlineData(ApprovalOutcome.ApprovedLower, "Approved")]
    [InlineData(ApprovalOutcome.Rejected, "Rejected")]
    public async Task RunAsync_AsksTheCommittee_ThenBooksItsAnswer(ApprovalOutcome outcome, string expected)
    {
        ApprovalRequest? asked = null;
        PolicyDecision? booked = null;
        var answer = new ApprovalDecision("1.1-CreditCommittee", outcome, null, "minutes of 3 March", "committee@example.com", CreditRole.CreditCommittee, DateTimeOffset.UnixEpoch);
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.CallSubOrchestratorAsync<ApprovalDecision>(It.Is<TaskName>(n => n.Name == nameof(ApprovalWorkflow)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, options) =>
            {
                asked = (ApprovalRequest)input!;
                Assert.Equal("policy|2|approval", Assert.IsType<SubOrchestrationOptions>(options).InstanceId);
            })
            .ReturnsAsync(answer);
        context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(RecordPolicyDecision)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => booked = (PolicyDecision)input!)
            .Returns(Task.CompletedTask);

        var result = await new PolicyApprovalWorkflow().RunAsync(context.Object, Request);

        Assert.Equal(expected, result);
        Assert.NotNull(asked);
        Assert.Equal((CreditRole.CreditCommittee, "Credit policy version 2", 0m), (asked.Role, asked.Title, asked.ProposedAmount.Amount));
        var facts = asked.Sections.SelectMany(s => s.Facts).Select(f => f.Value).ToArray();
        Assert.Contains("orderCheck.stopLineDaysOverdue: 30 → 20", facts);
        Assert.Contains(Request.Impact, facts);
        Assert.Equal(new PolicyDecision(Request, answer), booked);
    }
}
