namespace CreditFlow.Durable.Client;

/// <summary>A control-queue partition: who owns it and how much waits in it.</summary>
/// <param name="Index">0 to partitionCount - 1.</param>
/// <param name="Owner">The owning worker's id, or null when nobody holds it.</param>
/// <param name="LeaseExpiresAt">When the owner's lease runs out unless renewed; null without a lease.</param>
/// <param name="ApproximateMessageCount">Messages in its control queue, as storage estimates it.</param>
/// <param name="NextTimerDueAt">The earliest durable timer of the partition, if any.</param>
public sealed record PartitionInfo(int Index, string? Owner, DateTimeOffset? LeaseExpiresAt, int ApproximateMessageCount, DateTimeOffset? NextTimerDueAt);
