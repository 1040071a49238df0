using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Storage.Signals;

/// <summary>
/// The signals received about customers, in one table: one row per signal in the customer's partition, keyed newest
/// first, and one row per provider's event in an events partition, which makes each event one signal.
/// </summary>
/// <remarks>
/// The event row holds the whole signal and is written first; a call that stopped before the customer's row was written
/// is completed by the next call with the same event, so a stored event always ends up listed.
/// </remarks>
public sealed class SignalStore(TableClient table)
{
    private const string EventPartition = "~events";

    /// <summary>At most this many of a customer's signals are listed, the newest.</summary>
    public const int MaxListed = 500;

    internal TableClient Table => table;

    /// <summary>
    /// Stores a signal unless its provider's event was stored before: <see cref="SignalAddition.Added"/> with the signal,
    /// or the earlier signal with <see cref="SignalAddition.AlreadyStored"/> (same <see cref="ReceivedSignal.ContentSha256"/>)
    /// or <see cref="SignalAddition.IdReused"/> (another content).
    /// </summary>
    /// <exception cref="ArgumentException">The provider holds '|', or an id is not a valid table key.</exception>
    public async Task<(ReceivedSignal Signal, SignalAddition Outcome)> AddOnceAsync(ReceivedSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var stored = signal;
        try
        {
            await table.AddEntityAsync(ToEntity(EventPartition, EventKey(signal.Provider, signal.EventId), signal), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            stored = (await FindAsync(signal.Provider, signal.EventId, cancellationToken))!;
            if (!string.Equals(stored.ContentSha256, signal.ContentSha256, StringComparison.Ordinal))
            {
                return (stored, SignalAddition.IdReused);
            }
        }

        try
        {
            await table.AddEntityAsync(ToEntity(TableKeys.Check(stored.CustomerId, "customerId"), ListingKey(stored), stored), cancellationToken);
            return (stored, SignalAddition.Added);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (stored, SignalAddition.AlreadyStored);
        }
    }

    /// <summary>The signal of the provider's event, or null.</summary>
    public async Task<ReceivedSignal?> FindAsync(string provider, string eventId, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(EventPartition, EventKey(provider, eventId), cancellationToken: cancellationToken);
        return response.HasValue ? ToSignal(response.Value!) : null;
    }

    /// <summary>The customer's signals, newest received first, at most <see cref="MaxListed"/>.</summary>
    public async Task<IReadOnlyList<ReceivedSignal>> ListForCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var filter = $"PartitionKey eq {TableKeys.Quote(TableKeys.Check(customerId, nameof(customerId)))}";
        var result = new List<ReceivedSignal>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: MaxListed, cancellationToken: cancellationToken))
        {
            result.Add(ToSignal(entity));
            if (result.Count == MaxListed)
            {
                break;
            }
        }

        return result;
    }

    private static string EventKey(string provider, string eventId)
    {
        // '|' separates the two: a provider holding one could make two events share a key.
        if (TableKeys.Check(provider, nameof(provider)).Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{provider}' is not a valid provider name: it must not hold '|'.", nameof(provider));
        }

        return provider + "|" + TableKeys.Check(eventId, nameof(eventId));
    }

    /// <summary>Newest first: the ticks left until the end of time, then the event, so signals received at one instant stay apart.</summary>
    private static string ListingKey(ReceivedSignal s) =>
        (DateTimeOffset.MaxValue.UtcTicks - s.ReceivedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + EventKey(s.Provider, s.EventId);

    private static TableEntity ToEntity(string partition, string row, ReceivedSignal s) => new(partition, row)
    {
        ["Provider"] = s.Provider,
        ["EventId"] = s.EventId,
        ["CustomerId"] = s.CustomerId,
        ["Kind"] = s.Kind.ToString(),

        // As an invariant string: a decimal must not pass through a double on its way to storage.
        ["Value"] = s.Value?.ToString(CultureInfo.InvariantCulture),
        ["ObservedAt"] = s.ObservedAt,
        ["ReceivedAt"] = s.ReceivedAt,
        ["Summary"] = s.Summary,
        ["SourceUrl"] = s.SourceUrl?.OriginalString,
        ["SentBy"] = s.SentBy,
        ["ContentSha256"] = s.ContentSha256,
    };

    private static ReceivedSignal ToSignal(TableEntity e) => new(
        e.GetString("Provider") ?? string.Empty,
        e.GetString("EventId") ?? string.Empty,
        e.GetString("CustomerId") ?? string.Empty,
        Enum.Parse<SignalKind>(e.GetString("Kind") ?? string.Empty),
        e.GetString("Value") is { } value ? decimal.Parse(value, CultureInfo.InvariantCulture) : null,
        e.GetDateTimeOffset("ObservedAt") ?? default,
        e.GetDateTimeOffset("ReceivedAt") ?? default,
        e.GetString("Summary") ?? string.Empty,
        e.GetString("SourceUrl") is { } url ? new Uri(url, UriKind.Absolute) : null,
        e.GetString("SentBy") ?? string.Empty,
        e.GetString("ContentSha256") ?? string.Empty);
}
