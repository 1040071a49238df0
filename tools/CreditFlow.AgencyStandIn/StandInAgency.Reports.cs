using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CreditFlow.ErpContract;

namespace CreditFlow.AgencyStandIn;

/// <summary>The agency's side of the conversation: building, signing and posting events to CreditFlow.</summary>
public sealed partial class StandInAgency
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    /// <summary>Reports that the agency took the case on.</summary>
    public Task<AgencyReportResult> ReportAcceptedAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReportAsync(caseId, AgencyEventKind.Accepted, null, cancellationToken);

    /// <summary>Reports that the agency reached the customer.</summary>
    public Task<AgencyReportResult> ReportContactMadeAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReportAsync(caseId, AgencyEventKind.ContactMade, null, cancellationToken);

    /// <summary>Reports the customer's promise to pay by <paramref name="promisedDate"/>.</summary>
    public Task<AgencyReportResult> ReportPromiseAsync(string caseId, DateOnly promisedDate, CancellationToken cancellationToken = default) =>
        ReportAsync(caseId, AgencyEventKind.Promise, new AgencyReportDetails { PromisedDate = promisedDate }, cancellationToken);

    /// <summary>Reports cash collected from the customer, gross, in the case's currency.</summary>
    public Task<AgencyReportResult> ReportRecoveryAsync(string caseId, decimal amount, CancellationToken cancellationToken = default) =>
        ReportAsync(caseId, AgencyEventKind.Recovery, new AgencyReportDetails { Amount = amount }, cancellationToken);

    /// <summary>Reports what the customer offers to pay from now on in full and final settlement, in the case's currency.</summary>
    public Task<AgencyReportResult> ReportSettlementOfferAsync(string caseId, decimal amount, CancellationToken cancellationToken = default) =>
        ReportAsync(caseId, AgencyEventKind.SettlementOffer, new AgencyReportDetails { Amount = amount }, cancellationToken);

    /// <summary>Reports that the agency hands the case back unrecovered.</summary>
    public Task<AgencyReportResult> ReportReturnedUnrecoveredAsync(string caseId, CancellationToken cancellationToken = default) =>
        ReportAsync(caseId, AgencyEventKind.ReturnedUnrecovered, null, cancellationToken);

    /// <summary>
    /// Builds a valid event and posts it (<see cref="ReportAsync(AgencyEvent, CancellationToken)"/>). Its id is
    /// <c>{caseId}-{kind}-{n}</c>, n counting this agency's earlier events of that kind for the case that CreditFlow
    /// accepted, so an attempt CreditFlow did not accept is retried under the same id.
    /// </summary>
    /// <exception cref="ArgumentException">A recovery or settlement offer without a positive amount, or a promise without a date.</exception>
    public Task<AgencyReportResult> ReportAsync(string caseId, AgencyEventKind kind, AgencyReportDetails? details, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        details ??= new AgencyReportDetails();
        AgencyMoney? amount = null;
        if (kind is AgencyEventKind.Recovery or AgencyEventKind.SettlementOffer)
        {
            if (details.Amount is not > 0m)
            {
                throw new ArgumentException($"A {AgencyEvent.WireName(kind)} needs a positive amount.", nameof(details));
            }

            var currency = details.Currency ?? Placement(caseId)?.Claimed?.Currency ?? _options.DefaultCurrency;
            amount = new AgencyMoney(details.Amount.Value, currency);
        }

        if (kind == AgencyEventKind.Promise && details.PromisedDate is null)
        {
            throw new ArgumentException("A promise needs the date promised.", nameof(details));
        }

        var agencyEvent = new AgencyEvent(
            details.EventId ?? NextEventId(caseId, kind),
            caseId,
            kind,
            details.OccurredAt ?? _clock.GetUtcNow(),
            amount,
            kind == AgencyEventKind.Promise ? details.PromisedDate : null,
            details.Note);
        return ReportAsync(agencyEvent, cancellationToken);
    }

    /// <summary>
    /// Signs <paramref name="agencyEvent"/> with the shared key, posts it to CreditFlow with this agency's name, and
    /// returns the answer. The event is sent exactly as given: pass an earlier result's <see cref="AgencyReportResult.Event"/>
    /// to send a duplicate.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="StandInAgencyOptions.CreditFlowUrl"/> and no placement of the case to take its <c>eventsUrl</c> from.</exception>
    /// <exception cref="HttpRequestException">CreditFlow could not be reached.</exception>
    public async Task<AgencyReportResult> ReportAsync(AgencyEvent agencyEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agencyEvent);
        var url = EventsUrl(agencyEvent.CaseId);
        var json = agencyEvent.ToJson();
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(_options.SigningKey, timestamp, body));
        request.Headers.Add(AgencyHeader, _options.AgencyName);
        using var response = await _client.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        var result = new AgencyReportResult(url, (int)response.StatusCode, answer, agencyEvent, json);
        lock (_gate)
        {
            _sent.Add(new SentEvent(agencyEvent.CaseId, agencyEvent.Kind, agencyEvent.EventId, result.StatusCode));
        }

        _log?.Sent(result, _clock.GetUtcNow());
        return result;
    }

    private string NextEventId(string caseId, AgencyEventKind kind)
    {
        int accepted;
        lock (_gate)
        {
            accepted = _sent
                .Where(s => s.CaseId == caseId && s.Kind == kind && s.StatusCode is >= 200 and < 300)
                .Select(s => s.EventId)
                .Distinct(StringComparer.Ordinal)
                .Count();
        }

        return $"{caseId}-{AgencyEvent.WireName(kind)}-{(accepted + 1).ToString(CultureInfo.InvariantCulture)}";
    }

    private Uri EventsUrl(string caseId)
    {
        if (_options.CreditFlowUrl is { } host)
        {
            return new Uri(host, "/api/agency/events");
        }

        return Placement(caseId)?.EventsUrl
            ?? throw new InvalidOperationException($"Where to report case {caseId}: set CreditFlowUrl, or let the stand-in receive the case's placement first (its eventsUrl).");
    }
}
