using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.OrderBench;

/// <summary>The real host, in this process, on a fresh storage prefix and task hub, with its customers seeded.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string SigningKey = "bench-erp-signing-key-0123456789-abcdef";
    private readonly WebApplication _app;
    private readonly string _folder;

    private BenchHost(WebApplication app, string folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public StorageRequestTally LedgerRequests => _app.Services.GetRequiredService<StorageRequestTally>();

    public CustomerLedgerStore Ledgers => _app.Services.GetRequiredService<CustomerLedgerStore>();

    /// <summary>
    /// The host's order-check options given to the bench through its environment (<c>OrderCheck__AnswerBudget</c>,
    /// <c>OrderCheck__MaxWaitingChecks</c>, …): passed on explicitly, and reported with the results.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> OrderCheckOptions { get; } = Environment.GetEnvironmentVariables().Keys.Cast<string>()
        .Where(k => k.StartsWith("OrderCheck__", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
        .ToDictionary(k => k, Environment.GetEnvironmentVariable);

    /// <summary>Starts the host; two calls with the same storage and name are two processes of one app (same tables, same task hub).</summary>
    public static async Task<BenchHost> StartAsync(string connectionString, string name)
    {
        var folder = Directory.CreateTempSubdirectory("creditflow-orderbench-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "host.json"), """
            {
              "version": "2.0",
              "logging": { "LogLevel": { "Default": "Warning" }, "Console": { "LogToStandardErrorThreshold": "Trace" } },
              "extensions": { "durableTask": { "storageProvider": { "partitionCount": 4 } } }
            }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = name + "hub",
            ["Storage__Prefix"] = name,
            ["Mail__StoragePrefix"] = name + "mail",
            ["Approvals__StoragePrefix"] = name + "appr",
            ["Erp__SigningKeys__0"] = SigningKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in OrderCheckOptions)
        {
            environment[key] = value;
        }

        var app = CreditFlowApp.Build(["--urls", "http://127.0.0.1:0"], folder, environment);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchHost(app, folder, new Uri(address));
    }

    /// <summary>Gives every customer a class-B profile with its limit, eight at a time.</summary>
    public async Task SeedAsync(IReadOnlyList<(string Id, decimal Limit)> customers)
    {
        var store = _app.Services.GetRequiredService<CreditStore>();
        await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (customer, ct) =>
        {
            var profile = new CustomerCreditProfile(customer.Id, CreditClass.B, Money.Of(customer.Limit, "CNY"), 30, string.Empty, CreditProfileStatus.Active, 70m, null, null, null);
            var decision = new CreditDecision("seed-" + customer.Id, customer.Id, DateTimeOffset.UtcNow, "bench", "profile created", "bench seed", "{}", null, null);
            await store.Profiles.CreateAsync(profile, decision, ct);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
