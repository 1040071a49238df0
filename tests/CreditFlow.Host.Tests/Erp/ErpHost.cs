using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.ErpContract;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage;
using CreditFlow.Testing;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>
/// One running host with the order check, a fake clock, two ERP signing keys (rotation), one API
/// key per role that the holds tests use, and a loopback ERP callback receiver, shared by the ERP
/// test classes. Tests isolate themselves by
/// unique customer and document ids.
/// </summary>
public sealed class ErpHost : IAsyncLifetime
{
    public const string Key = "erp-test-signing-key-0123456789-abcdef";
    public const string RotatedKey = "erp-test-signing-key-rotated-0123456789";
    public const string AdminKey = "erp-test-admin-key-0123456789";
    public const string OfficerName = "Chen Jing (credit officer)";
    public const string ManagerName = "Sun Hao (credit manager)";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly (string Name, CreditRole Role, string Key)[] ApiKeys =
    [
        (OfficerName, CreditRole.CreditOfficer, "erp-test-key-officer-0123456789abcdef"),
        (ManagerName, CreditRole.CreditManager, "erp-test-key-manager-0123456789abcdef"),
        ("Credit committee (Li Na)", CreditRole.CreditCommittee, "erp-test-key-committee-0123456789ab"),
        ("Zhao Min (finance)", CreditRole.Finance, "erp-test-key-finance-0123456789abcdef"),
    ];

    private readonly Dictionary<CreditRole, HttpClient> _clients = [];
    private RunningHost? _host;
    private ErpCallbackReceiver? _erp;

    public FakeTimeProvider Clock { get; } = new(Start);

    internal RunningHost Host => _host!;

    internal ErpCallbackReceiver Erp => _erp!;

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public CreditStore Store => Host.Services.GetRequiredService<CreditStore>();

    public CustomerLedgerStore Ledgers => Host.Services.GetRequiredService<CustomerLedgerStore>();

    public DurableTaskClient Durable => Host.Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _erp = await ErpCallbackReceiver.StartAsync(Key, Clock);
        var settings = new Dictionary<string, string?>
        {
            ["AdminKey"] = AdminKey,
            ["Erp__SigningKeys__0"] = Key,
            ["Erp__SigningKeys__1"] = RotatedKey,
            ["Erp__CallbackUrl"] = _erp.Url.ToString(),
            ["Erp__CallbackFirstRetry"] = "00:00:05",
            ["Erp__CallbackMaxRetryInterval"] = "00:00:20",

            // The tests follow holds, not the pace that protects a busy host's order checks: a test that holds 20 orders
            // must not make the next one wait 20 s for its hold's workflow.
            ["OrderCheck__HoldStartsPerSecond"] = "100",
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

    /// <summary>A client presenting the API key of <paramref name="role"/>, or none when null.</summary>
    internal HttpClient As(CreditRole? role) => role is { } r ? _clients[r] : Host.Client;

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

        if (_erp is not null)
        {
            await _erp.DisposeAsync();
        }
    }

    /// <summary>A customer on the credit list with the given class, limit and status.</summary>
    public async Task<string> CustomerAsync(decimal limit, CreditClass creditClass = CreditClass.B, CreditProfileStatus status = CreditProfileStatus.Active, OrderTerms? terms = null)
    {
        var id = UniqueName.For("cust");
        var profile = new CustomerCreditProfile(id, creditClass, Money.Of(limit, "CNY"), 30, string.Empty, status, 70m, null, null, null);
        await Store.Profiles.CreateAsync(profile, Decision(id, "profile created"));
        if (terms is not null)
        {
            await Ledgers.SetTermsAsync(id, terms, Decision(id, "order terms set"));
        }

        return id;
    }

    /// <summary>Posts a signed webhook; <paramref name="signedAt"/> defaults to now on the fake clock.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object body, DateTimeOffset? signedAt = null, string key = Key) =>
        PostRawAsync(path, JsonSerializer.Serialize(body, Json), signedAt, key);

    public async Task<HttpResponseMessage> PostRawAsync(string path, string json, DateTimeOffset? signedAt = null, string? key = Key)
    {
        using var request = Signed(path, json, signedAt ?? Clock.GetUtcNow(), key);
        return await Host.Client.SendAsync(request);
    }

    /// <summary>A webhook request to <c>/api/erp/{path}</c>, signed with <paramref name="key"/> at <paramref name="signedAt"/> (unsigned when null).</summary>
    public static HttpRequestMessage Signed(string path, string json, DateTimeOffset signedAt, string? key = Key)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/erp/" + path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (key is not null)
        {
            var timestamp = signedAt.ToUnixTimeSeconds();
            request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(key, timestamp, bytes));
        }

        return request;
    }

    public static object Order(string customerId, string orderId, decimal amount, decimal prepaid = 0m, DateOnly? date = null) => new
    {
        orderId,
        customerId,
        amount = new { amount, currency = "CNY" },
        orderDate = (date ?? DateOnly.FromDateTime(Start.UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        prepaymentReceived = new { amount = prepaid, currency = "CNY" },
    };

    public object Shipment(string customerId, string orderId, string shipmentId, decimal amount) => new
    {
        shipmentId,
        orderId,
        customerId,
        amount = new { amount, currency = "CNY" },
        shipDate = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public static object Invoice(string customerId, string invoiceId, string? orderId, decimal amount, DateOnly issued, DateOnly due) => new
    {
        invoiceId,
        customerId,
        orderId,
        amount = new { amount, currency = "CNY" },
        issueDate = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public object Payment(string customerId, string paymentId, decimal amount, string? invoiceId = null, string? orderId = null) => new
    {
        paymentId,
        customerId,
        invoiceId,
        orderId,
        amount = new { amount, currency = "CNY" },
        receivedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>The customer's exposure row (raw components), or null.</summary>
    public async Task<ExposureState?> ExposureAsync(string customerId) => (await Ledgers.ReadAsync(customerId, [])).Exposure;

    /// <summary>Decides a hold from the worklist API with the API key of <paramref name="role"/> (none when null).</summary>
    public Task<HttpResponseMessage> DecideAsync(string holdId, string outcome, CreditRole? role) =>
        DecideRawAsync(holdId, new { outcome, comment = "from the test" }, role);

    /// <summary>Posts <paramref name="body"/> as a decision with the API key of <paramref name="role"/> (none when null).</summary>
    public async Task<HttpResponseMessage> DecideRawAsync(string holdId, object body, CreditRole? role)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        return await As(role).PostAsync($"/api/holds/{Uri.EscapeDataString(holdId)}/decision", content);
    }

    /// <summary>Waits (real time, bounded) until the hold workflow ended, and returns its verdict.</summary>
    public async Task<HoldVerdict> VerdictAsync(string holdId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await Durable.WaitForInstanceCompletionAsync(holdId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return JsonSerializer.Deserialize<HoldVerdict>(done.SerializedOutput!, Json)!;
    }

    /// <summary>Waits until the hold workflow waits for a decision (it has started and set its status).</summary>
    public async Task RunningAsync(string holdId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Durable.WaitForInstanceStartAsync(holdId, cancellation: timeout.Token);
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private CreditDecision Decision(string customerId, string what) =>
        new(UniqueName.For("d"), customerId, Clock.GetUtcNow(), "test", what, "test setup", "{}", null, null);
}
