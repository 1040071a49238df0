namespace CreditFlow.Workflows.Dunning;

/// <summary>The invoice a dunning workflow follows.</summary>
/// <param name="CustomerId">Whose invoice.</param>
/// <param name="InvoiceId">The ERP's invoice id.</param>
public sealed record DunningInput(string CustomerId, string InvoiceId)
{
    /// <summary>The instance id: one dunning workflow per invoice, derived from it, so starting twice is refused.</summary>
    public string InstanceId => $"dunning|{CustomerId}|{InvoiceId}";

    /// <summary>
    /// Where the booking found the invoice, when it could tell: open in full, nothing due yet, its first step and the
    /// time to look for it. Version 2 of the workflow then sleeps until that time instead of looking at once; null: look
    /// at once (paid or credited before it was booked, booked late with steps due, or booked before).
    /// </summary>
    public DunningProgress? AtBooking { get; init; }
}

/// <summary>What a look at the invoice is asked: the invoice and the orchestration's time of the look.</summary>
public sealed record DunningLook(DunningInput Invoice, DateTimeOffset At);

/// <summary>Where the invoice stands after a look, as the workflow shows it in its custom status.</summary>
/// <param name="Status">The ladder's status (Running, PausedByDispute, AwaitingPromise, Settled, Completed).</param>
/// <param name="Level">Steps reached.</param>
/// <param name="NextStep">The next step's code, if any.</param>
/// <param name="NextLookAt">When to look again unless the invoice changes first; null: only a change wakes it.</param>
/// <param name="Ended">True when the ladder has ended: paid, or every step taken.</param>
public sealed record DunningProgress(string Status, int Level, string? NextStep, DateTimeOffset? NextLookAt, bool Ended);

/// <summary>The events a dunning workflow listens for.</summary>
public static class DunningEvents
{
    /// <summary>A payment, credit, dispute or promise changed the invoice: look again now.</summary>
    public const string InvoiceChanged = "InvoiceChanged";
}
