using Microsoft.DurableTask;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>Activity: logs a decision refused for lack of authority.</summary>
public sealed class RecordHoldRefusal(HeldOrders service) : TaskActivity<HoldRefusalInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, HoldRefusalInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await service.RecordRefusalAsync(input.Hold, input.Request, input.DecisionId, input.At, input.Why, CancellationToken.None);
        return true;
    }
}

/// <summary>The input of <see cref="RecordHoldRefusal"/>; the id is fixed by the workflow so a rerun logs once.</summary>
public sealed record HoldRefusalInput(HoldInput Hold, HoldDecisionRequest Request, string DecisionId, DateTimeOffset At, string Why);
