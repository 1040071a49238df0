using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CreditFlow.AgencyStandIn;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.ErpContract;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Cases;

/// <summary>
/// One running host for the legal handoff tests: a fake clock, the ERP's signing key (invoices are booked as the ERP
/// books them), the agency stand-in as agency "eastgate" (placements reach it over HTTP; its reports come back signed),
/// and one API key per role the tests use. Tests isolate themselves by unique customer and invoice ids.
/// </summary>
public sealed class CasesHost : IAsyncLifetime
{
    public const string ErpKey = "cases-test-erp-signing-key-0123456789abc";
    public const string AgencyKey = "cases-test-agency-signing-key-0123456789";
    public const string Agency = "eastgate";
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly (string Name, CreditRole Role, string Key)[] ApiKeys =
    [
        ("Guo Wei (legal)", CreditRole.Legal, "cases-test-key-legal-0123456789abcdef"),
        ("Chen Jing (credit officer)", CreditRole.CreditOfficer, "cases-test-key-officer-0123456789abc"),
        ("Sun Hao (credit manager)", CreditRole.CreditManager, "cases-test-key-manager-0123456789abc"),
        ("Li Na (credit committee)", CreditRole.CreditCommittee, "cases-test-key-committee-0123456789a"),
    ];

    private readonly Dictionary<CreditRole, HttpClient> _clients = [];
    private readonly string _url = RunningHost.FreeLoopbackUrl();
    private RunningHost? _host;

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    internal RunningHost Host => _host!;

    internal StandInAgency AgencyStandIn { get; private set; } = null!;

    public CreditStore Store => Host.Services.GetRequiredService<CreditStore>();

    public CaseStore Cases => Host.Services.GetRequiredService<CaseStore>();

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        AgencyStandIn = await StandInAgency.StartAsync(
            new StandInAgencyOptions { AgencyName = Agency, SigningKey = AgencyKey, ListenUrl = new Uri("http://127.0.0.1:0/agency/cases") }, Clock);
        var settings = new Dictionary<string, string?>
        {
            ["PublicBaseUrl"] = _url,
            ["Erp__SigningKeys__0"] = ErpKey,
            [$"Agencies__{Agency}__Url"] = AgencyStandIn.CasesUrl!.ToString(),
            [$"Agencies__{Agency}__SigningKey"] = AgencyKey,
            [$"Agencies__{Agency}__CommissionPercent"] = "15",
        };
        for (var i = 0; i < ApiKeys.Length; i++)
        {
            settings[$"ApiKeys__{i}__Name"] = ApiKeys[i].Name;
            settings[$"ApiKeys__{i}__Role"] = ApiKeys[i].Role.ToString();
            settings[$"ApiKeys__{i}__Sha256"] = CreditApiHost.Sha256Hex(ApiKeys[i].Key);
        }

        _host = await RunningHost.StartAsync(azurite.ConnectionString, settings, overrideServices: services => services.AddSingleton<TimeProvider>(Clock), url: _url);
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

        await AgencyStandIn.DisposeAsync();
    }

    /// <summary>A client presenting the API key of <paramref name="role"/>.</summary>
    internal HttpClient As(CreditRole role) => _clients[role];

    /// <summary>The plain API key of <paramref name="role"/>, to sign in to the credit pages with.</summary>
    internal static string KeyOf(CreditRole role) => ApiKeys.Single(k => k.Role == role).Key;

    /// <summary>The name of the API key of <paramref name="role"/>: who the pages say acted.</summary>
    internal static string NameOf(CreditRole role) => ApiKeys.Single(k => k.Role == role).Name;

    /// <summary>A client that keeps cookies and does not follow redirects, signed in to the credit pages with the key of <paramref name="role"/>.</summary>
    internal async Task<HttpClient> SignedInAsync(CreditRole role)
    {
        return await FormPosts.SignedInToCreditAsync(Host.Client.BaseAddress!, KeyOf(role));
    }

    /// <summary>A customer on the credit list and on file, in the group of <paramref name="controller"/> when given.</summary>
    public async Task<string> CustomerAsync(string name, string? controller = null, decimal limit = 10_000_000m)
    {
        var id = UniqueName.For("cust");
        await Store.Customers.CreateAsync(new Customer(id, name, "REG-" + id, controller, "trade", Clock.GetUtcNow()));
        await Store.Profiles.CreateAsync(
            new CustomerCreditProfile(id, CreditClass.B, Money.Of(limit, "CNY"), 30, string.Empty, CreditProfileStatus.Active, 70m, null, null, null),
            new CreditDecision(UniqueName.For("d"), id, Clock.GetUtcNow(), "test", "profile created", "test setup", "{}", null, null));
        return id;
    }

    /// <summary>Books an invoice through the ERP's signed webhook, due <paramref name="daysOverdue"/> days ago: dunning takes every step reached at once.</summary>
    public async Task<string> OverdueInvoiceAsync(string customerId, decimal amount, int daysOverdue)
    {
        var invoiceId = UniqueName.For("inv");
        var due = Today.AddDays(-daysOverdue);
        using var response = await PostErpAsync("invoices", new
        {
            invoiceId,
            customerId,
            amount = new { amount, currency = "CNY" },
            issueDate = due.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return invoiceId;
    }

    /// <summary>Posts a signed ERP document.</summary>
    public async Task<HttpResponseMessage> PostErpAsync(string path, object body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/erp/" + path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(ErpKey, timestamp, bytes));
        return await Host.Client.SendAsync(request);
    }

    /// <summary>Posts <paramref name="body"/> as JSON with the API key of <paramref name="role"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(CreditRole role, string path, object body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        return await As(role).PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>The case as the API shows it.</summary>
    public async Task<JsonElement> CaseAsync(string caseId)
    {
        using var response = await As(CreditRole.CreditManager).GetAsync(new Uri($"/api/cases/{Uri.EscapeDataString(caseId)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The customer's open case once its workflow has blacklisted the customer, built the file and asked legal.</summary>
    public Task<CaseRecord> OpenedCaseAsync(string customerId) =>
        EventuallyAsync(
            async () => await Cases.OpenCaseOfAsync(customerId) is { } id && await Cases.GetAsync(id) is { Progress: { Blacklisted: true, LegalAsked: > 0, CaseFiles.Count: > 0 } } c ? c : null,
            $"an opened case of {customerId}");

    /// <summary>The case once it satisfies <paramref name="condition"/>.</summary>
    public Task<CaseRecord> CaseWhenAsync(string caseId, Func<CaseRecord, bool> condition, string what) =>
        EventuallyAsync(async () => await Cases.GetAsync(caseId) is { } c && condition(c) ? c : null, $"case {caseId} {what}");

    /// <summary>What <paramref name="read"/> finds, once it finds something; fails after 30 s of real time (the workflows run asynchronously).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {what} after 30 s");
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CasesCollection : ICollectionFixture<CasesHost>
{
    public const string Name = "Legal cases";
}
