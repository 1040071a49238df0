using CreditFlow.Domain.OrderCheck;
using Microsoft.DurableTask.Client;
using CreditFlow.Storage.Orders;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>Tells running holds what the ERP reported: a payment (re-check), a cancellation (the hold ends).</summary>
public sealed partial class HoldWakeUps(HoldRepository holds, DurableTaskClient client, ILogger<HoldWakeUps> logger)
{
    /// <summary>Every open hold of the customer re-checks.</summary>
    public async Task PaymentReceivedAsync(string customerId, CancellationToken cancellationToken)
    {
        foreach (var hold in await holds.ListAsync(new HoldQuery(HoldStatus.Open, customerId), cancellationToken))
        {
            await RaiseAsync(hold.HoldId, HoldEvents.PaymentReceived, cancellationToken);
        }
    }

    /// <summary>The hold of a cancelled order ends without a decision.</summary>
    public Task OrderCancelledAsync(string holdId, CancellationToken cancellationToken) =>
        RaiseAsync(holdId, HoldEvents.OrderCancelled, cancellationToken);

    private async Task RaiseAsync(string holdId, string eventName, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(holdId, eventName, null, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // The hold ended meanwhile (or never started); nothing waits for the event.
            LogHoldGone(logger, holdId, eventName);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Hold {HoldId} no longer waits; event {EventName} dropped")]
    private static partial void LogHoldGone(ILogger logger, string holdId, string eventName);
}
