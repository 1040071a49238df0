using CreditFlow.Domain.Warnings;

namespace CreditFlow.Storage.Signals;

/// <summary>
/// A warning signal about a customer that came from outside: from an external data provider through its signed webhook,
/// or from credit staff through the API. Stored once per provider and event id, as it was received.
/// </summary>
/// <param name="Provider">Who reported it: a configured data provider's name, or the name the host gives staff signals.</param>
/// <param name="EventId">The provider's id of the event; with <paramref name="Provider"/>, what makes it one signal however often it is sent.</param>
/// <param name="CustomerId">About which customer.</param>
/// <param name="Kind">What was observed.</param>
/// <param name="Value">The measurement: the percent of its equity pledged for an equity pledge; null for an event.</param>
/// <param name="ObservedAt">When the provider observed it, UTC; a warning's response deadline runs from here.</param>
/// <param name="ReceivedAt">When CreditFlow received it, UTC, by the host's clock.</param>
/// <param name="Summary">What happened, in the provider's or the person's words.</param>
/// <param name="SourceUrl">Where to read more (the registry entry, the court's notice, the article), when given.</param>
/// <param name="SentBy">Who sent it: the provider for a signed webhook, the API key's name for staff.</param>
/// <param name="ContentSha256">SHA-256 of the request body in canonical form: the same event sent again is told from another body under its id.</param>
public sealed record ReceivedSignal(
    string Provider,
    string EventId,
    string CustomerId,
    SignalKind Kind,
    decimal? Value,
    DateTimeOffset ObservedAt,
    DateTimeOffset ReceivedAt,
    string Summary,
    Uri? SourceUrl,
    string SentBy,
    string ContentSha256)
{
    /// <summary>The signal as the warning rules read it: an event counts as the value 1.</summary>
    public CreditSignal ToCreditSignal() => new(CustomerId, Kind, Value ?? 1m, ObservedAt);
}
