using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Blacklist;

/// <summary>
/// One running host for the blacklist tests, with an API key for each role they use. The blacklist is one list per
/// host, so tests isolate themselves by unique registration numbers.
/// </summary>
public sealed class BlacklistHost : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    internal static readonly (string Name, CreditRole Role, string Key)[] ApiKeys =
    [
        ("Wu Gang (credit manager)", CreditRole.CreditManager, "blacklist-test-key-manager-0123456789ab"),
        ("Chen Hui (committee)", CreditRole.CreditCommittee, "blacklist-test-key-committee-0123456789"),
        ("Ma Lin (legal)", CreditRole.Legal, "blacklist-test-key-legal-0123456789abcd"),
        ("Li Na (credit officer)", CreditRole.CreditOfficer, "blacklist-test-key-officer-0123456789ab"),
    ];

    private readonly Dictionary<CreditRole, HttpClient> _clients = [];
    private RunningHost? _host;

    public FakeTimeProvider Clock { get; } = new(Start);

    public CreditStore Store => Host.Services.GetRequiredService<CreditStore>();

    internal RunningHost Host => _host!;

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = new Dictionary<string, string?>();
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

    /// <summary>A browser-like client (cookies, no auto-redirect) signed in to the credit pages as <paramref name="role"/>.</summary>
    internal async Task<HttpClient> SignedInAsync(CreditRole role)
    {
        return await FormPosts.SignedInToCreditAsync(Host.Client.BaseAddress!, KeyOf(role));
    }

    /// <summary>The plain API key of <paramref name="role"/>, for signing in to the pages.</summary>
    internal static string KeyOf(CreditRole role) => ApiKeys.Single(k => k.Role == role).Key;

    /// <summary>An active class-B customer under <paramref name="controller"/>; its registration number is "REG-" + its id.</summary>
    public async Task<string> CustomerAsync(string name, string? controller = null)
    {
        var id = UniqueName.For("cust");
        await Store.Customers.CreateAsync(new Customer(id, name, "REG-" + id, controller, "trade", Clock.GetUtcNow()));
        await Store.Profiles.CreateAsync(
            new CustomerCreditProfile(id, CreditClass.B, Money.Of(500_000m, "CNY"), 60, "", CreditProfileStatus.Active, 70m, "m", "1", null),
            new CreditDecision("granted", id, Clock.GetUtcNow(), "officer", "granted", "scored", "{}", "m/1", null));
        return id;
    }

    /// <summary>Posts <paramref name="csv"/> as an industry list with the key of <paramref name="role"/>.</summary>
    internal Task<HttpResponseMessage> ImportAsync(CreditRole role, string csv)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return As(role).PostAsync(new Uri("/api/blacklist/import", UriKind.Relative), content);
    }
}
