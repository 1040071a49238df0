using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Warnings;

/// <summary>Evaluates the signal and raises the warning (<see cref="WarningSteps.RaiseAsync"/>).</summary>
public sealed class RaiseWarning(WarningSteps steps) : TaskActivity<WarningStep, WarningDeadline>
{
    /// <inheritdoc />
    public override Task<WarningDeadline> RunAsync(TaskActivityContext context, WarningStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.RaiseAsync(input.Warning, input.At, CancellationToken.None);
    }
}
