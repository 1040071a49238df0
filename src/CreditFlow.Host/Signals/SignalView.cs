using CreditFlow.Storage.Signals;

namespace CreditFlow.Host.Signals;

/// <summary>A received signal as <c>/api/signals</c> shows it; the answer to a signal sent again is the first one's, unchanged.</summary>
/// <param name="Provider">Who reported it: the data provider's name, or "staff".</param>
/// <param name="Kind">E.g. "equityPledgedPercent".</param>
/// <param name="Value">The percent pledged for an equity pledge; null for an event.</param>
/// <param name="SentBy">The provider, or the name of the staff member's API key.</param>
internal sealed record SignalView(
    string Provider,
    string EventId,
    string CustomerId,
    string Kind,
    decimal? Value,
    DateTimeOffset ObservedAt,
    DateTimeOffset ReceivedAt,
    string Summary,
    Uri? SourceUrl,
    string SentBy)
{
    public static SignalView From(ReceivedSignal s) =>
        new(s.Provider, s.EventId, s.CustomerId, SignalBody.Name(s.Kind), s.Value, s.ObservedAt, s.ReceivedAt, s.Summary, s.SourceUrl, s.SentBy);
}
