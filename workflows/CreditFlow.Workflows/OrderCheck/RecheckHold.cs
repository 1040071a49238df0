using Microsoft.DurableTask;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>Activity: checks a held order or shipment again with today's ledger.</summary>
public sealed class RecheckHold(HeldOrders service) : TaskActivity<HoldInput, RecheckResult>
{
    /// <inheritdoc />
    public override Task<RecheckResult> RunAsync(TaskActivityContext context, HoldInput input) => service.RecheckAsync(input, CancellationToken.None);
}
