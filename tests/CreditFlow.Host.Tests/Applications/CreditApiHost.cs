using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Tests.Applications;

/// <summary>
/// The real host with one API key per role used by the API tests, configured the way an operator
/// would: name, role and the key's SHA-256 in the settings.
/// </summary>
internal sealed class CreditApiHost : IAsyncDisposable
{
    public const string SalesRepName = "Wang Li (sales)";

    private static readonly (string Name, CreditRole Role, string Key)[] Keys =
    [
        (SalesRepName, CreditRole.SalesRep, "test-key-sales-0123456789abcdef"),
        ("Chen Jing (credit officer)", CreditRole.CreditOfficer, "test-key-officer-0123456789abcdef"),
        ("Zhao Min (finance)", CreditRole.Finance, "test-key-finance-0123456789abcdef"),
    ];

    private readonly Dictionary<CreditRole, HttpClient> _clients = [];

    private CreditApiHost(RunningHost host)
    {
        Host = host;
        foreach (var (_, role, key) in Keys)
        {
            var client = new HttpClient { BaseAddress = host.Client.BaseAddress };
            client.DefaultRequestHeaders.Add("x-api-key", key);
            _clients[role] = client;
        }
    }

    public RunningHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>A client without any key.</summary>
    public HttpClient Anonymous => Host.Client;

    /// <summary>The settings that configure the keys, as environment variables would.</summary>
    public static Dictionary<string, string?> KeySettings()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Keys.Length; i++)
        {
            settings[$"ApiKeys__{i}__Name"] = Keys[i].Name;
            settings[$"ApiKeys__{i}__Role"] = Keys[i].Role.ToString();
            settings[$"ApiKeys__{i}__Sha256"] = Sha256Hex(Keys[i].Key);
        }

        return settings;
    }

    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static async Task<CreditApiHost> StartAsync(string storageConnectionString, Action<IServiceCollection>? overrideServices = null) =>
        new(await RunningHost.StartAsync(storageConnectionString, KeySettings(), overrideServices: overrideServices));

    /// <summary>The API key of <paramref name="role"/>, e.g. to sign in to the credit pages with it.</summary>
    public static string KeyOf(CreditRole role) => Keys.Single(k => k.Role == role).Key;

    /// <summary>A client presenting the key of <paramref name="role"/>.</summary>
    public HttpClient As(CreditRole role) => _clients[role];

    /// <summary>Files a valid application as the sales rep and returns its id.</summary>
    public async Task<string> FileAsync(JsonObject? body = null)
    {
        var response = await As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", body ?? ValidApplication());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>
    /// A complete application of a sound customer: every scorecard input given and purchases above
    /// the sales standard, so onboarding (when it runs) has no reason to wait for data.
    /// </summary>
    public static JsonObject ValidApplication(string registrationNumber = "91310000-MA1K 4X") => new()
    {
        ["customer"] = new JsonObject
        {
            ["name"] = "Shanghai Bright Components Co., Ltd.",
            ["registrationNumber"] = registrationNumber,
            ["actualController"] = "Liu Wei",
            ["industry"] = "electronics",
            ["contactEmail"] = "finance@bright.example",
            ["annualSales"] = Money(80_000_000m),
        },
        ["requestedLimit"] = Money(600_000m),
        ["requestedTermDays"] = 60,
        ["expectedAnnualPurchases"] = Money(3_000_000m),
        ["financialFigures"] = new JsonObject
        {
            ["currentRatio"] = 1.8m,
            ["debtToAssetRatio"] = 45m,
            ["grossMargin"] = 28m,
            ["netMargin"] = 9m,
            ["receivableTurnover"] = 8m,
            ["cashFlowQuality"] = 1.1m,
            ["marketShare"] = 12m,
            ["yearsOfCooperation"] = 3m,
            ["managementStability"] = 4m,
            ["coreTechnology"] = 4m,
        },
        ["impressionReport"] = "Modern plant, orderly warehouse, owner runs the business personally.",
        ["salesRepEmail"] = "wang.li@creditflow.example",
        ["belowStandardReason"] = "Strategic account in a new region.",
        ["integrityIssues"] = new JsonArray(),
    };

    /// <summary>
    /// Reads the application until <paramref name="reached"/> holds: onboarding runs on the host's
    /// own worker, so its steps land shortly after a request. Fails after 30 seconds.
    /// </summary>
    public async Task<JsonObject> WaitForApplicationAsync(string id, Func<JsonObject, bool> reached)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var application = (await As(CreditRole.SalesRep).GetFromJsonAsync<JsonObject>($"/api/applications/{id}", deadline.Token))!;
            if (reached(application))
            {
                return application;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    public static JsonObject Money(decimal amount, string currency = "CNY") => new() { ["amount"] = amount, ["currency"] = currency };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }
}
