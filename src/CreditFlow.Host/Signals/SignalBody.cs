using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Signals;

/// <summary>The body of <c>POST /api/signals</c>: a warning signal about a customer, from a data provider or credit staff.</summary>
/// <param name="EventId">The provider's id of the event (staff: an id of their choosing, e.g. the court's case number); sent again, it is answered as the first time.</param>
/// <param name="CustomerId">The customer, as CreditFlow knows it.</param>
/// <param name="Kind">What was observed: one of <see cref="Kinds"/>, by name in any case, e.g. "equityPledgedPercent".</param>
/// <param name="ObservedAt">When it was observed, ISO 8601 with Z or an offset, e.g. "2026-03-02T09:30:00+08:00"; not in the future.</param>
/// <param name="Value">For equityPledgedPercent the percent of its equity pledged, 0-100, required; left out for every other kind (they are events).</param>
/// <param name="Summary">What happened, required, at most 2,000 characters.</param>
/// <param name="SourceUrl">Where to read more: an absolute http(s) URL of at most 2,000 characters; optional.</param>
public sealed partial record SignalBody(string? EventId, string? CustomerId, string? Kind, string? ObservedAt, decimal? Value, string? Summary, string? SourceUrl)
{
    public const int MaxChars = 2_000;

    /// <summary>How far ahead of the host's clock an observation may be: the sender's clock may run a little fast.</summary>
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The kinds that come from outside; the others (days overdue, order volume, payment days) CreditFlow computes from its own data.</summary>
    internal static readonly IReadOnlyList<SignalKind> Kinds =
    [
        SignalKind.BusinessRegistryChange,
        SignalKind.MajorLawsuit,
        SignalKind.AdverseNews,
        SignalKind.EquityPledgedPercent,
        SignalKind.KeyAssetsMortgaged,
        SignalKind.OwnershipChange,
        SignalKind.MajorCustomerBankrupt,
        SignalKind.SectorBan,
    ];

    private static readonly string KindNames = string.Join(", ", Kinds.Select(Name));

    /// <summary>The kind, or null when it is not one of <see cref="Kinds"/>.</summary>
    internal SignalKind? ParsedKind => Kinds.Select(k => (SignalKind?)k).FirstOrDefault(k => string.Equals(Name(k!.Value), Kind, StringComparison.OrdinalIgnoreCase));

    /// <summary>When it was observed, UTC; null when <see cref="ObservedAt"/> is not a date and time with Z or an offset.</summary>
    internal DateTimeOffset? ObservedAtUtc =>
        ObservedAt is not null && ExplicitOffset().IsMatch(ObservedAt)
        && DateTimeOffset.TryParse(ObservedAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToUniversalTime()
            : null;

    /// <summary>Every problem of the body at <paramref name="now"/>, by JSON path.</summary>
    internal static FieldErrors Validate(SignalBody body, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        Id(errors, body.EventId, "eventId", "the provider's id of the event; sent again, it is answered as the first time");
        Id(errors, body.CustomerId, "customerId", "the customer the signal is about");
        var kind = body.ParsedKind;
        if (string.IsNullOrWhiteSpace(body.Kind))
        {
            errors.Add("kind", $"is required: one of {KindNames}.");
        }
        else if (kind is null)
        {
            var ours = Enum.GetValues<SignalKind>().Any(k => string.Equals(k.ToString(), body.Kind, StringComparison.OrdinalIgnoreCase));
            errors.Add("kind", (ours ? $"'{Shorten(body.Kind)}' is computed by CreditFlow from its own data and is not sent; " : $"'{Shorten(body.Kind)}' is not a kind of signal; ")
                + $"must be one of {KindNames}.");
        }

        if (string.IsNullOrWhiteSpace(body.ObservedAt))
        {
            errors.Add("observedAt", "is required: when it was observed, e.g. \"2026-03-02T09:30:00+08:00\".");
        }
        else if (body.ObservedAtUtc is not { } observed)
        {
            errors.Add("observedAt", $"must be a date and time with Z or an offset, e.g. \"2026-03-02T09:30:00+08:00\" (was \"{Shorten(body.ObservedAt)}\").");
        }
        else if (observed > now + ClockSkew)
        {
            errors.Add("observedAt", $"must not be in the future (now is {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}).");
        }

        if (kind == SignalKind.EquityPledgedPercent)
        {
            if (body.Value is not { } percent)
            {
                errors.Add("value", "is required for equityPledgedPercent: the percent of its equity the shareholder pledged, 0-100.");
            }
            else if (percent is < 0m or > 100m)
            {
                errors.Add("value", $"must be a percent from 0 to 100 (was {percent.ToString(CultureInfo.InvariantCulture)}).");
            }
        }
        else if (kind is not null && body.Value is not null)
        {
            errors.Add("value", $"must be left out for {Name(kind.Value)}: it is an event; only equityPledgedPercent carries a value.");
        }

        if (string.IsNullOrWhiteSpace(body.Summary))
        {
            errors.Add("summary", "is required and must not be blank: what happened, in a sentence or two.");
        }
        else if (body.Summary.Length > MaxChars)
        {
            errors.Add("summary", $"must be at most {MaxChars:N0} characters (was {body.Summary.Length:N0}).");
        }

        if (body.SourceUrl is not null
            && (body.SourceUrl.Length > MaxChars || !Uri.TryCreate(body.SourceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("sourceUrl", $"must be an absolute http(s) URL of at most {MaxChars:N0} characters, or left out.");
        }

        return errors;
    }

    /// <summary>The kind as the API and the warning rules write it, e.g. "equityPledgedPercent".</summary>
    internal static string Name(SignalKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static void Id(FieldErrors errors, string? id, string path, string what)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(path, $"is required: {what}.");
        }
        else if (!ResourceIds.IsPlausible(id))
        {
            errors.Add(path, "must be 1-256 characters without '/', '\\', '#', '?' or control characters.");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();
}
