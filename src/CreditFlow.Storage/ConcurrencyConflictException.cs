namespace CreditFlow.Storage;

/// <summary>
/// A write lost a race: the stored item changed since it was read (stale ETag), or an item that
/// may only be written once already exists. Re-read and decide again; never retry blindly.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string itemKind, string key, string message, Exception? innerException = null)
        : base($"{itemKind} '{key}': {message}", innerException)
    {
        ItemKind = itemKind;
        Key = key;
    }

    /// <summary>What was written, e.g. "credit profile".</summary>
    public string ItemKind { get; }

    /// <summary>The key of the item that conflicted.</summary>
    public string Key { get; }
}
