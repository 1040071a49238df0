using CreditFlow.Durable.Storage;

namespace CreditFlow.Durable.Worker;

/// <summary>
/// The durable record that made an instance work: a control-queue message or a fired timer row.
/// It is acknowledged (deleted) only when everything it caused is committed, so after a crash it
/// reappears and the work resumes.
/// </summary>
internal abstract record Anchor(int Partition);

/// <summary>A received control-queue message; its pop receipt changes each time it is renewed.</summary>
internal sealed record QueueAnchor(int Partition, string QueueMessageId) : Anchor(Partition)
{
    public required string PopReceipt { get; set; }

    public DateTime InvisibleSince { get; set; }

    public Lock Gate { get; } = new();

    public bool Acknowledged { get; set; }

    /// <summary>The blob holding a large message's body, deleted once the message is consumed.</summary>
    public string? BodyBlob { get; init; }
}

/// <summary>A timer row that fired, with the deliveries that failed before this one.</summary>
internal sealed record TimerAnchor(int Partition, string RowKey, TaskMessage Message, int Attempts = 0, string? MessageBlob = null) : Anchor(Partition);
