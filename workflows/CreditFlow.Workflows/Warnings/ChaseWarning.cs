using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Warnings;

/// <summary>Reminds the owner of a missed deadline, or gives the warning to the next tier (<see cref="WarningSteps.ChaseAsync"/>).</summary>
public sealed class ChaseWarning(WarningSteps steps) : TaskActivity<WarningStep, WarningDeadline>
{
    /// <inheritdoc />
    public override Task<WarningDeadline> RunAsync(TaskActivityContext context, WarningStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.ChaseAsync(input.Warning, input.At, CancellationToken.None);
    }
}
