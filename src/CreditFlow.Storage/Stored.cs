namespace CreditFlow.Storage;

/// <summary>
/// A stored value with the ETag it was read with. Pass the ETag back to update it: the write
/// fails with <see cref="ConcurrencyConflictException"/> when someone else changed it in between.
/// </summary>
/// <remarks>The ETag is a plain string so it can travel through workflow inputs and HTTP headers.</remarks>
public sealed record Stored<T>(T Value, string ETag);
