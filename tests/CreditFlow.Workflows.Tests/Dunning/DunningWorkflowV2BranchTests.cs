using CreditFlow.Workflows.Dunning;
using Microsoft.DurableTask;
using Moq;

namespace CreditFlow.Workflows.Tests.Dunning;

/// <summary>
/// What version 2 of dunning (<see cref="DunningWorkflowV2"/>) changed, on a mocked <see cref="TaskOrchestrationContext"/>:
/// the first sleep on what the booking found. The loop after it is version 1's (<see cref="DunningWorkflowBranchTests"/>).
/// </summary>
public sealed class DunningWorkflowV2BranchTests
{
    private static readonly DateTime Now = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset FirstStep = new(2026, 1, 20, 1, 0, 0, TimeSpan.Zero);
    private static readonly DunningProgress Booked = new("Running", 0, "payment-confirmation", FirstStep, false);
    private static readonly DunningInput Invoice = new("cust-1", "inv-1") { AtBooking = Booked };

    [Fact]
    public async Task RunAsync_BookedWithNothingDue_ShowsTheBookingsStandingAndSleepsUntilTheFirstStep_BeforeItsFirstLook()
    {
        var context = Context(new DunningProgress("Settled", 1, null, null, true));
        var timerSet = false;
        context.Setup(c => c.CreateTimer(FirstStep.UtcDateTime, It.IsAny<CancellationToken>())).Callback(() => timerSet = true).Returns(Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()))
            .Callback(() => Assert.True(timerSet, "no look before the first step's day"))
            .ReturnsAsync(new DunningProgress("Settled", 1, null, null, true));

        var result = await new DunningWorkflowV2().RunAsync(context.Object, Invoice);

        Assert.Equal("Settled", result.Status);
        context.Verify(c => c.SetCustomStatus(Booked), Times.Once);
        context.Verify(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_AChangeBeforeTheFirstStep_CancelsTheSleepAndLooksAtOnce()
    {
        var context = Context(new DunningProgress("Settled", 0, null, null, true));
        CancellationToken timerToken = default;
        context.Setup(c => c.CreateTimer(FirstStep.UtcDateTime, It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((_, token) => timerToken = token)
            .Returns(new TaskCompletionSource().Task);
        context.Setup(c => c.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged, It.IsAny<CancellationToken>())).ReturnsAsync((object?)null);

        var result = await new DunningWorkflowV2().RunAsync(context.Object, Invoice);

        Assert.Equal("Settled", result.Status);
        Assert.True(timerToken.IsCancellationRequested, "the abandoned sleep's timer is cancelled so the instance can end");
    }

    [Fact]
    public async Task RunAsync_NothingKnownFromTheBooking_LooksAtOnce()
    {
        var context = Context(new DunningProgress("Settled", 0, null, null, true));

        await new DunningWorkflowV2().RunAsync(context.Object, Invoice with { AtBooking = null });

        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
        context.Verify(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_ManyLooks_ContinuesAsNewOnThisVersion_WithoutTheBookingsStanding()
    {
        var context = Context();
        context.Setup(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new DunningProgress("Running", 1, "reminder", new DateTimeOffset(Now.AddDays(1)), false));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await new DunningWorkflowV2().RunAsync(context.Object, Invoice);

        context.Verify(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()), Times.Exactly(DunningWorkflow.LooksPerHistory));
        context.Verify(c => c.ContinueAsNew(It.Is<DunningInput>(i => i.InvoiceId == "inv-1" && i.AtBooking == null), true), Times.Once);
    }

    /// <summary>Version 1's context (the same instance, the same time): looks answer <paramref name="looks"/> in turn.</summary>
    private static Mock<TaskOrchestrationContext> Context(params DunningProgress[] looks) => DunningWorkflowBranchTests.Context(looks);
}
