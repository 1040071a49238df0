using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.ErpContract;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Storage;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Tasks;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>
/// One running host for the receivables and tasks tests: a fake clock, the ERP's signing key (invoices are booked as the
/// ERP books them, through the signed webhook), and one API key per role the tests use. Tests isolate themselves by
/// unique customer, invoice and task ids.
/// </summary>
public sealed class ReceivablesHost : IAsyncLifetime
{
    public const string ErpKey = "receivables-test-erp-signing-key-0123456789";
    public const string SalesRepName = "Wang Li (sales)";
    public const string OfficerName = "Chen Jing (credit officer)";
    public const string FinanceName = "Zhao Min (finance)";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly (string Name, CreditRole Role, string Key)[] ApiKeys =
    [
        (SalesRepName, CreditRole.SalesRep, "receivables-test-key-sales-0123456789ab"),
        (OfficerName, CreditRole.CreditOfficer, "receivables-test-key-officer-0123456789"),
        (FinanceName, CreditRole.Finance, "receivables-test-key-finance-0123456789"),
    ];

    private readonly Dictionary<CreditRole, HttpClient> _clients = [];
    private RunningHost? _host;

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public CreditTaskStore Tasks => Host.Services.GetRequiredService<CreditTaskStore>();

    internal RunningHost Host => _host!;

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = new Dictionary<string, string?> { ["Erp__SigningKeys__0"] = ErpKey };
        for (var i = 0; i < ApiKeys.Length; i++)
        {
            settings[$"ApiKeys__{i}__Name"] = ApiKeys[i].Name;
            settings[$"ApiKeys__{i}__Role"] = ApiKeys[i].Role.ToString();
            settings[$"ApiKeys__{i}__Sha256"] = CreditApiHost.Sha256Hex(ApiKeys[i].Key);
        }

        _host = await RunningHost.StartAsync(azurite.ConnectionString, settings, overrideServices: services => services.AddSingleton<TimeProvider>(Clock));
        foreach (var (_, role, key) in ApiKeys)
        {
            var client = new HttpClient { BaseAddress = _host.Client.BaseAddress };
            client.DefaultRequestHeaders.Add("x-api-key", key);
            _clients[role] = client;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A client presenting the API key of <paramref name="role"/>.</summary>
    internal HttpClient As(CreditRole role) => _clients[role];

    /// <summary>A customer on the credit list, as the ERP's invoices expect.</summary>
    public async Task<string> CustomerAsync()
    {
        var id = UniqueName.For("cust");
        var store = Host.Services.GetRequiredService<CreditStore>();
        var profile = new CustomerCreditProfile(id, CreditClass.B, Money.Of(1_000_000m, "CNY"), 30, string.Empty, CreditProfileStatus.Active, 70m, null, null, null);
        await store.Profiles.CreateAsync(profile, new CreditDecision(UniqueName.For("d"), id, Clock.GetUtcNow(), "test", "profile created", "test setup", "{}", null, null));
        return id;
    }

    /// <summary>Books an invoice of CNY <paramref name="amount"/> through the ERP's signed webhook, as the ERP does.</summary>
    public async Task BookInvoiceAsync(string customerId, string invoiceId, decimal amount, DateOnly issued, DateOnly due)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                invoiceId,
                customerId,
                orderId = (string?)null,
                amount = new { amount, currency = "CNY" },
                issueDate = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            Json);
        await SendSignedAsync("/api/erp/invoices", bytes, $"booking {invoiceId}");
    }

    /// <summary>Books a payment of CNY <paramref name="amount"/> on the invoice, received on <paramref name="receivedOn"/>, through the ERP's signed webhook.</summary>
    public async Task PayAsync(string customerId, string paymentId, string invoiceId, decimal amount, DateOnly receivedOn)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                paymentId,
                customerId,
                invoiceId,
                amount = new { amount, currency = "CNY" },
                receivedOn = receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            Json);
        await SendSignedAsync("/api/erp/payments", bytes, $"payment {paymentId}");
    }

    private async Task SendSignedAsync(string path, byte[] bytes, string what)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(ErpKey, timestamp, bytes));
        using var response = await Host.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Posts <paramref name="json"/> with the API key of <paramref name="role"/>.</summary>
    public Task<HttpResponseMessage> PostAsync(CreditRole role, string path, string json) =>
        As(role).PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Reads <paramref name="path"/> with an officer's key and returns its JSON body, asserting the status.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await As(CreditRole.CreditOfficer).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits (real time, bounded) until the invoice shows <paramref name="status"/>: dunning looks at it asynchronously.</summary>
    public async Task<JsonElement> InvoiceWhenAsync(string invoiceId, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var invoice = await GetJsonAsync($"/api/invoices/{Uri.EscapeDataString(invoiceId)}");
            if (invoice.GetProperty("status").GetString() == status)
            {
                return invoice;
            }

            Assert.True(DateTime.UtcNow < deadline, $"invoice {invoiceId} still {invoice.GetProperty("status").GetString()}, not {status}, after 30 s");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

/// <summary>The receivables and tasks test classes share one host (starting one costs seconds); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReceivablesCollection : ICollectionFixture<ReceivablesHost>
{
    public const string Name = "receivables";
}
