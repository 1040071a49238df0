using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CreditFlow.AgencyStandIn;
using CreditFlow.ErpContract;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Agency;

/// <summary>
/// The collection agency stand-in (tools/CreditFlow.AgencyStandIn) keeps the wire contract CreditFlow is written
/// against: it takes only placements and recalls signed with the shared key for its name, and what it reports
/// back verifies with that key.
/// </summary>
public sealed class AgencyStandInTests : IAsyncLifetime
{
    private const string Key = "test-agency-signing-key-0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly HttpClient _creditFlow = new();
    private StandInAgency _agency = null!;

    public async Task InitializeAsync() =>
        _agency = await StandInAgency.StartAsync(
            new StandInAgencyOptions { AgencyName = "eastgate", SigningKey = Key, ListenUrl = new Uri("http://127.0.0.1:0/agency/cases") }, _clock);

    public async Task DisposeAsync()
    {
        await _agency.DisposeAsync();
        _creditFlow.Dispose();
    }

    [Fact]
    public async Task Placement_SignedWithTheSharedKey_IsRecordedWithItsFields()
    {
        var response = await PlaceAsync(Placement("case-0001"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var placed = Assert.Single(_agency.Cases);
        Assert.Equal(CaseMessageKind.Placement, placed.Kind);
        Assert.Equal("case-0001", placed.CaseId);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), placed.At);
        Assert.Equal(new CaseCustomer("cust-demo-bright", "Shenzhen Bright Electronics", "91440300MA5F000001"), placed.Customer);
        Assert.Equal(new AgencyMoney(123_456.78m, "CNY"), placed.Claimed);
        Assert.Equal(
            [
                new CaseInvoice("INV-1", new DateOnly(2025, 10, 31), new AgencyMoney(100_000.00m, "CNY")),
                new CaseInvoice("INV-2", new DateOnly(2025, 11, 30), new AgencyMoney(23_456.78m, "CNY")),
            ],
            placed.Invoices);
        Assert.Equal(new Uri("http://localhost:7071/api/cases/case-0001/file?token=abc"), placed.CaseFileUrl);
        Assert.Equal(new Uri("http://localhost:7071/api/agency/events"), placed.EventsUrl);
        Assert.Equal(0, _agency.Refused);
    }

    [Fact]
    public async Task Recall_Signed_IsRecordedWithItsReason()
    {
        await PlaceAsync(Placement("case-0002"));

        var response = await PlaceAsync("""{"kind":"recall","caseId":"case-0002","recalledAt":"2026-02-01T09:15:00Z","reason":"customer paid in full"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([CaseMessageKind.Placement, CaseMessageKind.Recall], _agency.Cases.Select(c => c.Kind));
        Assert.Equal("customer paid in full", _agency.Cases[1].Reason);
    }

    public static TheoryData<string> Forgeries => ["wrong key", "no signature headers", "no agency header", "another agency"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Placement_Forged_IsRefusedWith401AndNotRecorded(string forgery)
    {
        var response = await PlaceAsync(
            Placement("case-forged"),
            key: forgery == "wrong key" ? "someone-elses-key-0123456789abcdefghij" : Key,
            signed: forgery != "no signature headers",
            agency: forgery switch { "no agency header" => null, "another agency" => "northbridge", _ => "eastgate" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_agency.Cases);
        Assert.Equal(1, _agency.Refused);
    }

    [Fact]
    public async Task Placement_SignedButWithoutItsClaim_IsRefusedWith400NamingTheField()
    {
        var response = await PlaceAsync(Placement("case-0003").Replace("\"claimed\"", "\"claim\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("claimed is missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_agency.Cases);
    }

    [Fact]
    public async Task ReportRecoveryAsync_ForAPlacedCase_PostsABodyThatVerifiesWithTheSharedKey()
    {
        await using var creditFlow = await CreditFlowEventsReceiver.StartAsync();
        await using var agency = new StandInAgency(
            new StandInAgencyOptions { AgencyName = "eastgate", SigningKey = Key, CreditFlowUrl = creditFlow.BaseAddress }, _clock);

        var result = await agency.ReportRecoveryAsync("case-0004", 1_000.00m);

        Assert.Equal(202, result.StatusCode);
        var sent = Assert.Single(creditFlow.Received);
        Assert.Equal(
            SignatureCheck.Valid,
            ErpSignature.Verify([Key], sent.Header(ErpSignature.TimestampHeader), sent.Header(ErpSignature.SignatureHeader), sent.Body, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal(
            SignatureCheck.Invalid,
            ErpSignature.Verify(["another-key-entirely-0123456789abcdefgh"], sent.Header(ErpSignature.TimestampHeader), sent.Header(ErpSignature.SignatureHeader), sent.Body, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal("eastgate", sent.Header(StandInAgency.AgencyHeader));
        Assert.Equal(
            """{"eventId":"case-0004-recovery-1","caseId":"case-0004","kind":"recovery","occurredAt":"2026-02-01T09:30:00Z","amount":{"amount":1000.00,"currency":"CNY"}}""",
            sent.Text);
    }

    [Fact]
    public async Task ReportAsync_AfterAPlacement_UsesItsEventsUrlAndCurrencyAndNumbersEventsPerKind()
    {
        await using var creditFlow = await CreditFlowEventsReceiver.StartAsync();
        await PlaceAsync(Placement("case-0005", currency: "USD", eventsUrl: new Uri(creditFlow.BaseAddress, "/api/agency/events")));

        var promise = await _agency.ReportPromiseAsync("case-0005", new DateOnly(2026, 2, 15));
        var first = await _agency.ReportSettlementOfferAsync("case-0005", 5_000m);
        var second = await _agency.ReportAsync("case-0005", AgencyEventKind.SettlementOffer, new AgencyReportDetails { Amount = 6_000m, Note = "final" });
        var again = await _agency.ReportAsync(first.Event);

        Assert.All([promise, first, second, again], r => Assert.True(r.IsSuccess));
        Assert.Equal(
            ["case-0005-promise-1", "case-0005-settlementOffer-1", "case-0005-settlementOffer-2", "case-0005-settlementOffer-1"],
            creditFlow.Received.Select(e => JsonDocument.Parse(e.Body).RootElement.GetProperty("eventId").GetString()));
        var bodies = creditFlow.Received.Select(e => JsonDocument.Parse(e.Body).RootElement).ToArray();
        Assert.Equal("2026-02-15", bodies[0].GetProperty("promisedDate").GetString());
        Assert.Equal("USD", bodies[1].GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal("final", bodies[2].GetProperty("note").GetString());
        Assert.Equal(first.SentBody, again.SentBody);
    }

    [Fact]
    public async Task ReportAsync_RecoveryWithoutAnAmount_IsNotSent()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _agency.ReportAsync("case-0006", AgencyEventKind.Recovery, null));
    }

    private static string Placement(string caseId, string currency = "CNY", Uri? eventsUrl = null) =>
        $$"""
        {
          "kind": "placement",
          "caseId": "{{caseId}}",
          "placedAt": "2026-02-01T09:00:00Z",
          "customer": { "id": "cust-demo-bright", "name": "Shenzhen Bright Electronics", "registrationNumber": "91440300MA5F000001" },
          "claimed": { "amount": 123456.78, "currency": "{{currency}}" },
          "invoices": [
            { "invoiceId": "INV-1", "dueDate": "2025-10-31", "open": { "amount": 100000.00, "currency": "{{currency}}" } },
            { "invoiceId": "INV-2", "dueDate": "2025-11-30", "open": { "amount": 23456.78, "currency": "{{currency}}" } }
          ],
          "caseFileUrl": "http://localhost:7071/api/cases/{{caseId}}/file?token=abc",
          "eventsUrl": "{{eventsUrl ?? new Uri("http://localhost:7071/api/agency/events")}}"
        }
        """;

    /// <summary>Posts a body to the stand-in the way CreditFlow does, or with the given part forged.</summary>
    private async Task<HttpResponseMessage> PlaceAsync(string json, string key = Key, bool signed = true, string? agency = "eastgate")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, _agency.CasesUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signed)
        {
            request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(key, timestamp, body));
        }

        if (agency is not null)
        {
            request.Headers.Add(StandInAgency.AgencyHeader, agency);
        }

        return await _creditFlow.SendAsync(request);
    }
}
