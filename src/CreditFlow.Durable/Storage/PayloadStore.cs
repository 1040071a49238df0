using Azure;
using Azure.Data.Tables;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// Keeps values that exceed table or queue limits in blobs. A table string property holds at most
/// 32K characters: larger values are split over numbered properties up to a few parts, and beyond
/// that go to the <c>&lt;hub&gt;-payloads</c> container under the instance's id, which purge deletes.
/// </summary>
internal sealed class PayloadStore(TaskHub hub)
{
    private const int PartChars = 30_000;

    /// <summary>Queue messages are limited to 64 KB; past this they travel as a blob reference.</summary>
    private const int MaxInlineMessageChars = 45_000;

    private const string BlobMessagePrefix = "blob:";

    /// <summary>Writes <paramref name="value"/> into <paramref name="entity"/>, inline or as a blob reference.</summary>
    /// <param name="maxParts">How many 30K-character properties may hold it before it goes to a blob.</param>
    /// <returns>The blob written, or null when the value went inline.</returns>
    public async Task<string?> SetAsync(TableEntity entity, string property, string? value, string blobName, int maxParts, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > PartChars * maxParts)
        {
            await hub.PayloadBlobs.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(value), overwrite: true, cancellationToken);
            entity[$"{property}Blob"] = blobName;
            return blobName;
        }

        for (int part = 0, start = 0; start < value.Length || part == 0; part++, start += PartChars)
        {
            entity[part == 0 ? property : $"{property}_{part}"] = value.Substring(start, Math.Min(PartChars, value.Length - start));
        }

        return null;
    }

    /// <summary>Reads a value written by <see cref="SetAsync"/>.</summary>
    public async Task<string?> GetAsync(TableEntity entity, string property, CancellationToken cancellationToken)
    {
        if (entity.GetString($"{property}Blob") is { } blobName)
        {
            return (await hub.PayloadBlobs.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }

        var first = entity.GetString(property);
        if (first is null || first.Length < PartChars)
        {
            return first;
        }

        var builder = new System.Text.StringBuilder(first);
        for (var part = 1; entity.GetString($"{property}_{part}") is { } next; part++)
        {
            builder.Append(next);
        }

        return builder.ToString();
    }

    /// <summary>Copies a stored value's properties from one entity to another without reading a blob.</summary>
    public static void Copy(TableEntity from, TableEntity to, string property)
    {
        foreach (var key in from.Keys.Where(k => k == property || k == $"{property}Blob" || k.StartsWith($"{property}_", StringComparison.Ordinal)))
        {
            to[key] = from[key];
        }
    }

    /// <summary>The body to enqueue for <paramref name="json"/>: itself, or a blob reference when too large.</summary>
    /// <param name="force">Always to a blob (e.g. a poison message, which wraps the body in more JSON).</param>
    public async Task<string> ToQueueBodyAsync(string json, string blobName, CancellationToken cancellationToken, bool force = false)
    {
        if (json.Length <= MaxInlineMessageChars && !force)
        {
            return json;
        }

        await hub.PayloadBlobs.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken);
        return BlobMessagePrefix + blobName;
    }

    /// <summary>The blob a queue body refers to, or null when the body is inline.</summary>
    public static string? BlobOf(string body) => body.StartsWith(BlobMessagePrefix, StringComparison.Ordinal) ? body[BlobMessagePrefix.Length..] : null;

    /// <summary>Deletes blobs nothing refers to any more; a failure only leaves garbage that purge removes.</summary>
    public async Task DeleteQuietlyAsync(IEnumerable<string> blobNames)
    {
        foreach (var name in blobNames)
        {
            try
            {
                await hub.PayloadBlobs.DeleteBlobIfExistsAsync(name);
            }
            catch (RequestFailedException)
            {
                // Left for purge.
            }
        }
    }

    /// <summary>Deletes every blob under <paramref name="prefix"/> (an earlier execution's); returns how many.</summary>
    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in hub.PayloadBlobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
        {
            names.Add(blob.Name);
        }

        await DeleteQuietlyAsync(names);
        return names.Count;
    }

    /// <summary>The JSON a queue body stands for.</summary>
    public async Task<string> FromQueueBodyAsync(string body, CancellationToken cancellationToken) =>
        body.StartsWith(BlobMessagePrefix, StringComparison.Ordinal)
            ? (await hub.PayloadBlobs.GetBlobClient(body[BlobMessagePrefix.Length..]).DownloadContentAsync(cancellationToken)).Value.Content.ToString()
            : body;

    /// <summary>Deletes every blob stored for an instance; returns how many.</summary>
    public async Task<int> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in hub.PayloadBlobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, BlobPrefix(instanceId), cancellationToken))
        {
            try
            {
                await hub.PayloadBlobs.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Already gone.
            }
        }

        return deleted;
    }

    /// <summary>Every blob of an instance lives under this prefix.</summary>
    public static string BlobPrefix(string instanceId) => $"{instanceId}/";
}
