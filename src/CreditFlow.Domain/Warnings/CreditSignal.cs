namespace CreditFlow.Domain.Warnings;

/// <summary>Something observed about a customer that may call for a warning.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Kind">What was observed.</param>
/// <param name="Value">The measurement (days, percent), or 1 for an event.</param>
/// <param name="ObservedAt">When it was observed; the response deadline runs from here.</param>
/// <param name="Explained">True when the customer gave a reasonable explanation (some rules then do not fire).</param>
public sealed record CreditSignal(string CustomerId, SignalKind Kind, decimal Value, DateTimeOffset ObservedAt, bool Explained = false)
{
    /// <summary>An event signal (lawsuit, mortgage, ownership change, ...), value 1.</summary>
    public static CreditSignal Event(string customerId, SignalKind kind, DateTimeOffset observedAt) => new(customerId, kind, 1m, observedAt);
}
