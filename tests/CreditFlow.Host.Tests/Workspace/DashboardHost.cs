using System.Net;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>
/// A host with tables of its own (the dashboard sums every invoice there is; <see cref="RunningHost"/> gives each host
/// its own storage prefix), with a small book of invoices whose figures the tests know: as of 20 March 2026, in CNY —
/// Jiangsu Hengtong owes 15,000 eight days late (i2; i1 was paid on time), Ningbo Seaside 30,000 twenty-nine days late
/// and disputed (i3) and 5,000 since December (i6), Hangzhou Westlake 40,000 not yet due (i4); and one USD invoice.
/// Ningbo Seaside (c2) has a credit profile, an open task and a warning answered late (30 h after it was raised).
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string OfficerKey = "dashboard-test-key-officer-0123456789abcd";
    public const string OfficerName = "Chen Jing";

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
                ["ApiKeys__0__Name"] = OfficerName,
                ["ApiKeys__0__Role"] = nameof(CreditRole.CreditOfficer),
                ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex(OfficerKey),
            },
            overrideServices: services => services.AddSingleton<TimeProvider>(Clock));

        var customers = Host.Services.GetRequiredService<CustomerRepository>();
        // Jiangsu Hengtong and Ningbo Seaside have one actual controller: one group.
        foreach (var (id, name, controller) in new[] { ("c1", "Jiangsu Hengtong Cable Co.", "Xu Ming"), ("c2", "Ningbo Seaside Trading Co.", "Xu Ming"), ("c3", "Hangzhou Westlake Textiles", null), ("c4", "Pacific Rim Imports", null) })
        {
            await customers.CreateAsync(new Customer(id, name, "9133" + id, controller, "Manufacturing", Clock.GetUtcNow()));
        }

        // Ningbo Seaside has credit (class C, 100,000 on 60 days) and a task open for it.
        var at = Clock.GetUtcNow();
        await Host.Services.GetRequiredService<CreditProfileRepository>().CreateAsync(
            new CustomerCreditProfile("c2", CreditClass.C, Cny(100_000m), 60, "none", CreditProfileStatus.Active, 58m, null, null, null),
            new CreditDecision("c2-grant", "c2", at.AddDays(-200), "Wu Fang", "Active: limit 100,000 CNY, 60 days", "granted after the trial period", "{}", null, null));
        await Host.Services.GetRequiredService<CreditTaskStore>().AddOnceAsync(
            new CreditTask("c2|call", "Call Ningbo Seaside about invoice i6 (109 days overdue)", CreditRole.SalesRep, "c2", "i6", at.AddDays(-1), at.AddDays(1)));

        // Ningbo Seaside's first warning, 2 days ago, answered 30 hours later: late for the 24-hour KPI.
        var warnings = Host.Services.GetRequiredService<WarningStore>();
        var raised = at.AddDays(-2);
        var warning = await warnings.AddOnceAsync(new WarningRecord(
            "w-c2", "c2", WarningLevel.Yellow, "overdue 30 days without explanation", "i6 is 107 days past due",
            new CreditSignal("c2", SignalKind.DaysOverdue, 107m, raised), "s-c2", [ResponseAction.Collection], raised, CreditRole.SalesRep, raised.AddHours(24), null));
        await warnings.AnswerAsync(warning, new WarningAnswer(raised.AddHours(30), "Wang Li", CreditRole.SalesRep, [ResponseAction.Collection], "customer will pay next week"));

        var invoices = Host.Services.GetRequiredService<DunningStore>();
        await invoices.AddAsync(Record("c1", "i1", new(2026, 1, 5), new(2026, 2, 4), 10_000m, [new(new(2026, 2, 1), Cny(10_000m))]));
        await invoices.AddAsync(Record("c1", "i2", new(2026, 2, 10), new(2026, 3, 12), 20_000m, [new(new(2026, 3, 15), Cny(5_000m))]));
        await invoices.AddAsync(Record("c2", "i3", new(2026, 1, 20), new(2026, 2, 19), 30_000m, []) with
        {
            Disputes = [new RecordedDispute(new(2026, 2, 25), "goods damaged in transit", "customer")],
        });
        await invoices.AddAsync(Record("c3", "i4", new(2026, 3, 1), new(2026, 3, 31), 40_000m, []));
        await invoices.AddAsync(Record("c2", "i6", new(2025, 11, 1), new(2025, 12, 1), 5_000m, []));
        await invoices.AddAsync(DunningRecord.Booked("c4", "u1", new(2026, 2, 1), new(2026, 3, 3), new Money(2_500m, new Currency("USD"))));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A browser-like client signed in to the credit pages as the credit officer; redirects not followed.</summary>
    internal async Task<HttpClient> SignedInAsync()
    {
        var client = Visitor();
        using var response = await client.PostAsync("/credit/sign-in", new FormUrlEncodedContent([new("key", OfficerKey)]));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return client;
    }

    /// <summary>A browser-like client that is not signed in.</summary>
    internal HttpClient Visitor() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Host.Client.BaseAddress };

    private static Money Cny(decimal amount) => new(amount, new Currency("CNY"));

    private static DunningRecord Record(string customer, string invoice, DateOnly issued, DateOnly due, decimal amount, InvoicePayment[] payments) =>
        DunningRecord.Booked(customer, invoice, issued, due, Cny(amount)) with { Payments = payments };
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}
