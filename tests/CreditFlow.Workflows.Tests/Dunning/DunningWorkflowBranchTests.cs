using CreditFlow.Workflows.Dunning;
using Microsoft.DurableTask;
using Moq;

namespace CreditFlow.Workflows.Tests.Dunning;

/// <summary>Branches of <see cref="DunningWorkflow"/> on a mocked <see cref="TaskOrchestrationContext"/>: which waits it sets up after each look.</summary>
public sealed class DunningWorkflowBranchTests
{
    private static readonly DateTime Now = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DunningInput Invoice = new("cust-1", "inv-1");

    [Fact]
    public async Task RunAsync_PaidAtTheFirstLook_EndsWithoutATimer()
    {
        var context = Context(new DunningProgress("Settled", 0, null, null, Ended: true));

        var result = await new DunningWorkflow().RunAsync(context.Object, Invoice);

        Assert.Equal("Settled", result.Status);
        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_Running_SleepsUntilTheNextStepThenLooksAgain()
    {
        var wakeAt = new DateTimeOffset(2026, 1, 20, 1, 0, 0, TimeSpan.Zero);
        var context = Context(new DunningProgress("Running", 0, "payment-confirmation", wakeAt, false), new DunningProgress("Settled", 1, null, null, true));
        context.Setup(c => c.CreateTimer(wakeAt.UtcDateTime, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await new DunningWorkflow().RunAsync(context.Object, Invoice);

        context.Verify(c => c.CreateTimer(wakeAt.UtcDateTime, It.IsAny<CancellationToken>()), Times.Once);
        context.Verify(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()), Times.Exactly(2));
    }

    [Fact]
    public async Task RunAsync_AChangeBeforeTheTimer_CancelsTheTimerAndLooksAtOnce()
    {
        var wakeAt = new DateTimeOffset(2026, 2, 1, 1, 0, 0, TimeSpan.Zero);
        var context = Context(new DunningProgress("Running", 1, "reminder", wakeAt, false), new DunningProgress("Settled", 1, null, null, true));
        CancellationToken timerToken = default;
        context.Setup(c => c.CreateTimer(wakeAt.UtcDateTime, It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((_, token) => timerToken = token)
            .Returns(new TaskCompletionSource().Task);
        context.Setup(c => c.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged, It.IsAny<CancellationToken>())).ReturnsAsync((object?)null);

        await new DunningWorkflow().RunAsync(context.Object, Invoice);

        Assert.True(timerToken.IsCancellationRequested, "the timer of the abandoned sleep is cancelled so the instance can end");
    }

    [Fact]
    public async Task RunAsync_PausedByADispute_WaitsForAChangeOnly()
    {
        var context = Context(new DunningProgress("PausedByDispute", 1, "reminder", null, false), new DunningProgress("Running", 1, "reminder", Now.AddDays(3), false), new DunningProgress("Settled", 1, null, null, true));
        context.Setup(c => c.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged, It.IsAny<CancellationToken>())).ReturnsAsync((object?)null);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await new DunningWorkflow().RunAsync(context.Object, Invoice);

        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Once); // the second look's, not the paused one's
    }

    [Fact]
    public async Task RunAsync_ManyLooks_ContinuesAsNewKeepingUnprocessedChanges()
    {
        var context = Context();
        context.Setup(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new DunningProgress("Running", 1, "reminder", Now.AddDays(1), false));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await new DunningWorkflow().RunAsync(context.Object, Invoice);

        context.Verify(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()), Times.Exactly(DunningWorkflow.LooksPerHistory));
        context.Verify(c => c.ContinueAsNew(Invoice, true), Times.Once);
    }

    [Fact]
    public async Task RunAsync_ALookFailingAfterItsRetries_TellsAPersonAndLooksAgainADayLater_InsteadOfFailing()
    {
        var context = new Mock<TaskOrchestrationContext> { CallBase = true };
        context.SetupGet(c => c.InstanceId).Returns(Invoice.InstanceId);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged, It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource<object?>().Task);
        context.SetupSequence(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException(nameof(TakeDunningSteps), 1, new TaskFailureDetails("RequestFailedException", "storage unavailable", null, null, null)))
            .ReturnsAsync(new DunningProgress("Settled", 2, null, null, true));
        StuckDunning? reported = null;
        context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(ReportStuckDunning)), It.IsAny<StuckDunning>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => reported = (StuckDunning)input!)
            .ReturnsAsync("task-1");
        context.Setup(c => c.CreateTimer(Now.AddDays(1), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var result = await new DunningWorkflow().RunAsync(context.Object, Invoice);

        Assert.Equal("Settled", result.Status);
        Assert.Equal((Invoice, "storage unavailable", new DateTimeOffset(Now.AddDays(1))), (reported!.Invoice, reported.Error, reported.LookAgainAt));
        context.Verify(c => c.CreateTimer(Now.AddDays(1), It.IsAny<CancellationToken>()), Times.Once);
        context.Verify(c => c.SetCustomStatus(It.Is<DunningProgress>(p => p.Status == "Stuck")), Times.Once);
    }

    /// <summary>A context at <see cref="Now"/> whose looks answer <paramref name="looks"/> in turn; changes never arrive unless set up.</summary>
    internal static Mock<TaskOrchestrationContext> Context(params DunningProgress[] looks)
    {
        var context = new Mock<TaskOrchestrationContext> { CallBase = true };
        context.SetupGet(c => c.InstanceId).Returns(Invoice.InstanceId);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.WaitForExternalEvent<object?>(DunningEvents.InvoiceChanged, It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource<object?>().Task);
        var sequence = context.SetupSequence(c => c.CallActivityAsync<DunningProgress>(It.Is<TaskName>(n => n.Name == nameof(TakeDunningSteps)), It.IsAny<DunningLook>(), It.IsAny<TaskOptions?>()));
        foreach (var look in looks)
        {
            sequence = sequence.ReturnsAsync(look);
        }

        return context;
    }
}
