using Microsoft.DurableTask;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>Activity: books a hold's outcome on the customer's ledger and the decision log, once.</summary>
public sealed class ApplyHoldVerdict(HeldOrders service) : TaskActivity<HoldVerdictInput, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, HoldVerdictInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return service.ApplyVerdictAsync(input.Hold, input.Verdict, CancellationToken.None);
    }
}

/// <summary>The input of <see cref="ApplyHoldVerdict"/>.</summary>
public sealed record HoldVerdictInput(HoldInput Hold, HoldVerdict Verdict);
