using Azure;

namespace CreditFlow.Storage;

/// <summary>Turns the storage status codes of a lost race into <see cref="ConcurrencyConflictException"/>.</summary>
internal static class StorageErrors
{
    /// <summary>412: the ETag no longer matches; 409: the row already exists. (Updates also map 404.)</summary>
    public static bool IsConflict(RequestFailedException e) => e.Status is 409 or 412;

    public static ConcurrencyConflictException Conflict(string kind, string key, RequestFailedException e) =>
        new(kind, key, e.Status switch
        {
            412 => "it was changed by someone else since it was read; read it again and retry the decision.",
            404 => "it does not exist (any more); it must be created before it can be updated.",
            _ => "it already exists.",
        }, e);
}
