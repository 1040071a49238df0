using System.Collections.Frozen;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreditFlow.ErpContract;
using CreditFlow.Host.Security;
using CreditFlow.Workflows.LegalHandoff;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Cases;

/// <summary>
/// The agencies, both ways, signed with the ERP's scheme (<see cref="ErpSignature"/>: HMAC-SHA256 over
/// <c>"{timestamp}.{raw body}"</c>) under each agency's own key, the agency named in <see cref="AgencyHeader"/>: placements
/// and recalls go out to its <c>Url</c>; its reports and case-file fetches come in and are verified here.
/// </summary>
internal sealed class SignedAgencyChannel(IHttpClientFactory http, IOptions<AgencyOptions> options, TimeProvider clock) : IAgencyChannel
{
    /// <summary>Header naming the agency, as configured under <c>Agencies</c>.</summary>
    public const string AgencyHeader = "X-CreditFlow-Agency";

    /// <summary>The named HTTP client placements go through.</summary>
    public const string ClientName = "collection-agency";

    /// <summary>The wire format: camelCase, enums as names, money as {"amount", "currency"}.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    private FrozenDictionary<string, (AgencySettings Settings, Signer[] Signers)>? _agencies;

    private FrozenDictionary<string, (AgencySettings Settings, Signer[] Signers)> Configured => _agencies ??= options.Value.Agencies.ToFrozenDictionary(
        a => a.Key.ToLowerInvariant(),
        a => (a.Value, PartnerSignature.Signers(a.Value.SigningKey, a.Value.PreviousSigningKey, "agency-" + a.Key.ToLowerInvariant())));

    public IReadOnlyList<string> Agencies => Configured.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The window a report's timestamp must fall in.</summary>
    public TimeSpan Window => options.Value.SignatureWindow;

    public bool Knows(string agency) => Configured.ContainsKey(agency.ToLowerInvariant());

    /// <summary>The configured agency <paramref name="presented"/> names (any case), lower-case; null when none.</summary>
    public string? Agency(string? presented) => presented is { Length: > 0 } && Knows(presented) ? presented.ToLowerInvariant() : null;

    public decimal CommissionPercent(string agency) => Configured.TryGetValue(agency.ToLowerInvariant(), out var a) ? a.Settings.CommissionPercent : 0m;

    public Task PlaceAsync(string agency, AgencyPlacement placement, CancellationToken cancellationToken) =>
        PostAsync(agency, JsonSerializer.SerializeToUtf8Bytes(placement, Json), placement.CaseId, cancellationToken);

    public Task RecallAsync(string agency, AgencyRecall recall, CancellationToken cancellationToken) =>
        PostAsync(agency, JsonSerializer.SerializeToUtf8Bytes(recall, Json), recall.CaseId, cancellationToken);

    /// <summary>Checks a request of <paramref name="agency"/>: well-formed headers, a timestamp in the window of <paramref name="now"/>, a MAC by one of its keys.</summary>
    public SignatureCheck Verify(string agency, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now) =>
        Configured.TryGetValue(agency, out var configured)
            ? PartnerSignature.Verify(configured.Signers, timestamp, signature, body, now, Window)
            : SignatureCheck.Invalid;

    private async Task PostAsync(string agency, byte[] body, string caseId, CancellationToken cancellationToken)
    {
        if (!Configured.TryGetValue(agency.ToLowerInvariant(), out var configured))
        {
            throw new InvalidOperationException($"Agency '{agency}' is not configured (Agencies__{agency}__Url).");
        }

        var now = Rehearsal.RehearsalClock.RealTimeOf(clock);
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, configured.Settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.HeaderValue(configured.Signers[0].Sign(ErpSignature.SignedText(timestamp, body))));
        request.Headers.Add(AgencyHeader, agency.ToLowerInvariant());
        request.Headers.Add("Idempotency-Key", caseId);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(options.Value.SendTimeout);
        using var response = await http.CreateClient(ClientName).SendAsync(request, cancel.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Agency {agency} answered {(int)response.StatusCode} to case {caseId}; it will be tried again.", null, response.StatusCode);
        }
    }
}
