using System.Net;
using System.Text;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Receivables;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Imports;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>
/// A host with storage of its own for the import tests (an import changes what the dashboard of another host's tests
/// would add up): two customers on file, a credit officer who may import and a sales rep who may not.
/// </summary>
public sealed class ImportHost : IAsyncLifetime
{
    public const string OfficerKey = "import-test-key-officer-0123456789abcdef";
    public const string SalesKey = "import-test-key-sales-0123456789abcdef01";

    private RunningHost? _host;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));

    internal RunningHost Host => _host!;

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _host = await RunningHost.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["ApiKeys__0__Name"] = "Chen Jing",
                ["ApiKeys__0__Role"] = nameof(CreditRole.CreditOfficer),
                ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex(OfficerKey),
                ["ApiKeys__1__Name"] = "Wang Li",
                ["ApiKeys__1__Role"] = nameof(CreditRole.SalesRep),
                ["ApiKeys__1__Sha256"] = CreditApiHost.Sha256Hex(SalesKey),
            },
            overrideServices: services => services.AddSingleton<TimeProvider>(Clock));

        var customers = Host.Services.GetRequiredService<CustomerRepository>();
        await customers.CreateAsync(new Customer("imp-c1", "Jiangsu Hengtong Cable Co.", "91320000IMP0001", null, "manufacturing", Clock.GetUtcNow()));
        await customers.CreateAsync(new Customer("imp-c2", "Ningbo Seaside Trading Co.", "91330200IMP0002", null, "trade", Clock.GetUtcNow()));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A browser-like client signed in with <paramref name="key"/>; redirects not followed.</summary>
    internal async Task<HttpClient> SignedInAsync(string key = OfficerKey)
    {
        return await FormPosts.SignedInToCreditAsync(Host.Client.BaseAddress!, key);
    }

    /// <summary>Uploads <paramref name="file"/> as the import form does.</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, string fileName, byte[] file)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new ByteArrayContent(file), "file", fileName },
        };
        return await client.PostFormAsync("/credit/imports", "/credit/imports", form);
    }

    internal static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    /// <summary>The import the response redirected to, once every row is applied.</summary>
    internal async Task<ImportRecord> AppliedAsync(HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var importId = accepted.Headers.Location!.OriginalString.Split('/')[^1];
        var imports = Host.Services.GetRequiredService<ImportStore>();
        ImportRecord? import = null;
        await PaymentHost.UntilAsync(async () => (import = await imports.GetAsync(importId))?.Status == ImportStatus.Done, $"import {importId} applied");
        return import!;
    }
}

[CollectionDefinition(Name)]
public sealed class ImportCollection : ICollectionFixture<ImportHost>
{
    public const string Name = "imports";
}
