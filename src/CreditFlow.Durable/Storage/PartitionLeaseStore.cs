using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// Partition ownership through blob leases in <c>&lt;hub&gt;-leases</c>: one blob per partition,
/// leased by its owner and stamped with the owner's id and last renewal.
/// </summary>
internal sealed class PartitionLeaseStore(TaskHub hub)
{
    internal const string OwnerKey = "owner";
    internal const string RenewedKey = "renewedticks";
    internal const string DurationKey = "durationseconds";

    public static string BlobName(int partition) => $"partition-{partition:D2}";

    /// <summary>Who holds each partition's lease right now, by partition index.</summary>
    public async Task<IReadOnlyDictionary<int, (string Owner, DateTimeOffset ExpiresAt)>> ReadOwnersAsync(CancellationToken cancellationToken)
    {
        var owners = new Dictionary<int, (string, DateTimeOffset)>();
        for (var i = 0; i < hub.Options.PartitionCount; i++)
        {
            try
            {
                var properties = (await hub.Leases.GetBlobClient(BlobName(i)).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
                if (properties.LeaseState == LeaseState.Leased
                    && properties.Metadata.TryGetValue(OwnerKey, out var owner)
                    && properties.Metadata.TryGetValue(RenewedKey, out var renewed)
                    && properties.Metadata.TryGetValue(DurationKey, out var duration))
                {
                    var renewedAt = new DateTimeOffset(long.Parse(renewed, CultureInfo.InvariantCulture), TimeSpan.Zero);
                    owners[i] = (owner, renewedAt.AddSeconds(int.Parse(duration, CultureInfo.InvariantCulture)));
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not created yet: nobody owns it.
            }
        }

        return owners;
    }
}
