using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;
using CreditFlow.ErpContract;
using CreditFlow.Host.Signals;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Signals;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Signals;

/// <summary>
/// One running host for the signals tests: a fake clock, one data provider with a signing key and the previous one it
/// rotates from, and an API key for each role the tests use. Tests isolate themselves by unique customer and event ids.
/// </summary>
public sealed class SignalsHost : IAsyncLifetime
{
    public const string Provider = "acme-registry";
    public const string Key = "signals-test-provider-key-0123456789abcdef";
    public const string PreviousKey = "signals-test-provider-previous-key-0123456789";
    public const string OfficerName = "Chen Jing (credit officer)";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, CreditRole Role, string Key)[] ApiKeys =
    [
        (OfficerName, CreditRole.CreditOfficer, "signals-test-key-officer-0123456789ab"),
        ("Lin Yu (legal)", CreditRole.Legal, "signals-test-key-legal-0123456789abcd"),
        ("Wang Li (sales)", CreditRole.SalesRep, "signals-test-key-sales-0123456789abcd"),
        ("Zhao Min (finance)", CreditRole.Finance, "signals-test-key-finance-0123456789ab"),
    ];

    private readonly Dictionary<CreditRole, HttpClient> _clients = [];
    private RunningHost? _host;

    public FakeTimeProvider Clock { get; } = new(Start);

    public SignalStore Signals => Host.Services.GetRequiredService<SignalStore>();

    internal RunningHost Host => _host!;

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = new Dictionary<string, string?>
        {
            // Configured in capitals: the provider is named in any case and stored lower-case.
            ["Signals__Providers__ACME-Registry__SigningKey"] = Key,
            ["Signals__Providers__ACME-Registry__PreviousSigningKey"] = PreviousKey,
        };
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

    /// <summary>A client presenting the API key of <paramref name="role"/>, or none when null.</summary>
    internal HttpClient As(CreditRole? role) => role is { } r ? _clients[r] : Host.Client;

    /// <summary>A customer CreditFlow knows.</summary>
    public async Task<string> CustomerAsync()
    {
        var id = UniqueName.For("cust");
        await Host.Services.GetRequiredService<CustomerRepository>().CreateAsync(
            new Customer(id, "Shenzhen Bright Ltd " + id, "9144-" + id, null, "electronics", Clock.GetUtcNow()));
        return id;
    }

    /// <summary>An equity pledge of 62.5% observed an hour ago, as a provider sends it.</summary>
    public JsonObject Pledge(string customerId, string? eventId = null) => new()
    {
        ["eventId"] = eventId ?? UniqueName.For("evt"),
        ["customerId"] = customerId,
        ["kind"] = "equityPledgedPercent",
        ["observedAt"] = Clock.GetUtcNow().AddHours(-1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["value"] = 62.50m,
        ["summary"] = "The main shareholder pledged 62.5% of its equity to Bank of Ningbo.",
        ["sourceUrl"] = "https://registry.example/pledges/2026-0042",
    };

    /// <summary>Posts <paramref name="body"/> signed by the provider with <paramref name="key"/> (none: unsigned) at <paramref name="signedAt"/> (default now).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(JsonObject body, string? key = Key, string? provider = Provider, DateTimeOffset? signedAt = null) =>
        PostSignedRawAsync(body.ToJsonString(), key, provider, signedAt);

    public async Task<HttpResponseMessage> PostSignedRawAsync(string json, string? key = Key, string? provider = Provider, DateTimeOffset? signedAt = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/signals") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (provider is not null)
        {
            request.Headers.Add(SignalProviderSigning.ProviderHeader, provider);
        }

        if (key is not null)
        {
            var timestamp = (signedAt ?? Clock.GetUtcNow()).ToUnixTimeSeconds();
            request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(key, timestamp, bytes));
        }

        return await Host.Client.SendAsync(request);
    }

    /// <summary>Posts <paramref name="body"/> with the API key of <paramref name="role"/> (none when null).</summary>
    public Task<HttpResponseMessage> PostAsStaffAsync(CreditRole? role, JsonObject body) =>
        As(role).PostAsync("/api/signals", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>The customer's signals as <c>GET /api/signals</c> lists them for an officer.</summary>
    public async Task<JsonElement> ListAsync(string customerId)
    {
        using var response = await As(CreditRole.CreditOfficer).GetAsync($"/api/signals?customerId={Uri.EscapeDataString(customerId)}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"listing {customerId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

/// <summary>The signals test classes share one host (starting one costs seconds); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SignalsCollection : ICollectionFixture<SignalsHost>
{
    public const string Name = "signals";
}
