using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Dunning;

/// <summary>Activity: one look at an invoice, taking the dunning steps due (<see cref="DunningSteps"/>).</summary>
public sealed class TakeDunningSteps(DunningSteps steps) : TaskActivity<DunningLook, DunningProgress>
{
    /// <inheritdoc />
    public override Task<DunningProgress> RunAsync(TaskActivityContext context, DunningLook input) => steps.LookAsync(input, CancellationToken.None);
}
