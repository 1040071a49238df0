using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Warnings;

/// <summary>Completes the answered warning's tasks and sets its actions going (<see cref="WarningSteps.CloseAsync"/>).</summary>
public sealed class CloseWarning(WarningSteps steps) : TaskActivity<WarningStep, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, WarningStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await steps.CloseAsync(input.Warning, input.At, CancellationToken.None);
        return true;
    }
}
