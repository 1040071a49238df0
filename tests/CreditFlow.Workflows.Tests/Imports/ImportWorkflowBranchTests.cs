using CreditFlow.Workflows.Imports;
using Microsoft.DurableTask;
using Moq;

namespace CreditFlow.Workflows.Tests.Imports;

/// <summary><see cref="ImportWorkflow"/> on a mocked <see cref="TaskOrchestrationContext"/>: every row applied once, in steps, and a large file in generations.</summary>
public sealed class ImportWorkflowBranchTests
{
    [Fact]
    public async Task RunAsync_AppliesEveryRowOnce_InStepsOfTheGivenSize_TheLastOneShort()
    {
        var (context, steps) = Context();

        var applied = await new ImportWorkflow().RunAsync(context.Object, new ImportRun("imp-1", 12, 5));

        Assert.Equal(12, applied);
        Assert.Equal([new ImportStep("imp-1", 0, 5), new ImportStep("imp-1", 5, 5), new ImportStep("imp-1", 10, 2)], steps);
        context.Verify(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_ALargeFile_StartsAfreshAfterAGenerationOfSteps_FromTheNextRow()
    {
        var (context, steps) = Context();
        var rows = (ImportWorkflow.StepsPerGeneration + 3) * 10;

        await new ImportWorkflow().RunAsync(context.Object, new ImportRun("imp-2", rows, 10));

        Assert.Equal(ImportWorkflow.StepsPerGeneration, steps.Count);
        Assert.Equal(Enumerable.Range(0, ImportWorkflow.StepsPerGeneration).Select(i => i * 10), steps.Select(s => s.First));
        context.Verify(c => c.ContinueAsNew(new ImportRun("imp-2", rows, 10, ImportWorkflow.StepsPerGeneration * 10), It.IsAny<bool>()), Times.Once);
    }

    private static (Mock<TaskOrchestrationContext> Context, List<ImportStep> Steps) Context()
    {
        var steps = new List<ImportStep>();
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.CallActivityAsync<int>(It.Is<TaskName>(n => n.Name == nameof(ApplyImportRows)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => steps.Add((ImportStep)input!))
            .ReturnsAsync((TaskName _, object? input, TaskOptions? _) => ((ImportStep)input!).Count);
        return (context, steps);
    }
}
