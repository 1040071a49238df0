using System.Net;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Reviews;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Documents;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reviews;
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
/// Ningbo Seaside (c2) has a credit profile, an open task and a warning answered late (30 h after it was raised); an
/// application with its balance sheet, scored 64.5 (class B) at onboarding and 58 (class C) at its first review; an order
/// held now and a shipment released in February.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string OfficerKey = "dashboard-test-key-officer-0123456789abcd";
    public const string OfficerName = "Chen Jing";

    private RunningHost? _host;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));

    internal RunningHost Host => _host!;

    /// <summary>Jiangsu Hengtong's contract's name within its application a-c1.</summary>
    internal string OtherCustomersDocument { get; private set; } = "";

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
                ["Dashboard__TotalCreditLine"] = "250000",
            },
            overrideServices: services => services.AddSingleton<TimeProvider>(Clock));

        var customers = Host.Services.GetRequiredService<CustomerRepository>();
        // Jiangsu Hengtong and Ningbo Seaside have one actual controller: one group.
        // Registered in Suzhou (Jiangsu), Ningbo and Hangzhou (Zhejiang) by their credit codes; Pacific Rim abroad.
        foreach (var (id, name, registration, controller, industry) in new[]
        {
            ("c1", "Jiangsu Hengtong Cable Co.", "91320500MA1XC0001A", "Xu Ming", "Manufacturing"), ("c2", "Ningbo Seaside Trading Co.", "91330200MA2XC0002B", "Xu Ming", "Manufacturing"),
            ("c3", "Hangzhou Westlake Textiles", "91330100MA3XC0003C", null, "Textiles"), ("c4", "Pacific Rim Imports", "HK-2024-0044", null, "Manufacturing"),
        })
        {
            await customers.CreateAsync(new Customer(id, name, registration, controller, industry, Clock.GetUtcNow()));
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

        await SeedHistoryAsync(at);
        await SeedCreditBookAsync(at);

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

    /// <summary>
    /// The credit book: Hangzhou Westlake (textiles, class A) has 200,000 of credit, Ningbo Seaside 100,000 (class C), so
    /// 300,000 is granted on a total line of 250,000; exposure is 15,000 (Jiangsu Hengtong, unrated), 57,000 (Ningbo
    /// Seaside: owed, shipped and ordered) and 40,000 (Hangzhou Westlake) — 112,000.
    /// </summary>
    private async Task SeedCreditBookAsync(DateTimeOffset at)
    {
        await Host.Services.GetRequiredService<CreditProfileRepository>().CreateAsync(
            new CustomerCreditProfile("c3", CreditClass.A, Cny(200_000m), 30, "none", CreditProfileStatus.Active, 82m, null, null, null),
            new CreditDecision("c3-grant", "c3", at.AddDays(-300), "Wu Fang", "Active: limit 200,000 CNY, 30 days", "granted after the trial period", "{}", null, null));
        var ledgers = Host.Services.GetRequiredService<CustomerLedgerStore>();
        foreach (var (customerId, owed, shipped, ordered) in new[] { ("c1", 15_000m, 0m, 0m), ("c2", 35_000m, 10_000m, 12_000m), ("c3", 40_000m, 0m, 0m) })
        {
            var ledger = await ledgers.ReadAsync(customerId, []);
            var exposure = new ExposureState(new CreditExposure(Cny(owed), Cny(shipped), Cny(ordered)), [], 1);
            Assert.True(await ledgers.TryCommitAsync(ledger, new LedgerChange(exposure, [])), $"the exposure of {customerId} was not written");
        }
    }

    /// <summary>Ningbo Seaside's application and its document, its two scorings and its holds.</summary>
    private async Task SeedHistoryAsync(DateTimeOffset at)
    {
        var filedAt = at.AddDays(-230);
        await Host.Services.GetRequiredService<ApplicationRepository>().CreateAsync(new CreditApplication(
            "a-c2", "c2", Cny(150_000m), 60, new Dictionary<string, decimal>(), "Visited the warehouse in Ningbo.", ApplicationStatus.Granted, "Zhao Lei", filedAt, at.AddDays(-200)));
        using (var statement = new MemoryStream("balance sheet 2025"u8.ToArray()))
        {
            await Host.Services.GetRequiredService<DocumentStore>().UploadAsync("a-c2", DocumentKind.FinancialStatement, "balance-sheet-2025.pdf", "application/pdf", statement);
        }

        // Jiangsu Hengtong's contract: another customer's document, for the download's owner check.
        await Host.Services.GetRequiredService<ApplicationRepository>().CreateAsync(new CreditApplication(
            "a-c1", "c1", Cny(80_000m), 30, new Dictionary<string, decimal>(), "Visited the plant.", ApplicationStatus.Submitted, "Zhao Lei", at.AddDays(-3), at.AddDays(-3)));
        using (var contract = new MemoryStream("contract"u8.ToArray()))
        {
            var stored = await Host.Services.GetRequiredService<DocumentStore>().UploadAsync("a-c1", DocumentKind.Contract, "contract.pdf", "application/pdf", contract);
            OtherCustomersDocument = stored.Name["a-c1/".Length..];
        }

        await Host.Services.GetRequiredService<DecisionLog>().AppendAsync(new CreditDecision(
            "a-c2-scored-trial", "c2", at.AddDays(-228), "system", "scored 64.5: class B", "class B from 60", """{"score":{"value":64.5,"class":"B","policyVersion":1}}""", "scorecard/2", "a-c2"));
        await Host.Services.GetRequiredService<ReviewStore>().AddOnceAsync(new ReviewRecord(
            "c2", 1, at.AddDays(-20), "scheduled", 58m, "scorecard/2", CreditClass.B, "150,000.00 CNY",
            new ReviewProposal(ReviewChange.Decrease, CreditClass.C, Cny(100_000m), CreditProfileStatus.Active, false, ["score fell below 60"]), "Applied")
            {
                PolicyVersion = 2,
            });

        var holds = Host.Services.GetRequiredService<HoldRepository>();
        foreach (var hold in new[]
        {
            new HoldRecord("h-o9", "c2", ErpDocumentKind.Order, "o9", "o9", Cny(12_000m), Cny(47_000m), CreditRole.CreditManager, ["i6 is 109 days past due"], HoldStatus.Open, at.AddHours(-2)),
            new HoldRecord("h-s7", "c2", ErpDocumentKind.Shipment, "s7", "o7", Cny(8_000m), Cny(30_000m), CreditRole.CreditOfficer, ["over the limit by 8,000.00 CNY"], HoldStatus.Released, new(2026, 2, 10, 8, 0, 0, TimeSpan.Zero), new(2026, 2, 10, 11, 0, 0, TimeSpan.Zero), "Wu Fang", "customer paid i5 this morning"),
        })
        {
            // As the webhook and the hold's workflow write it: started, so no sweep restarts it.
            await holds.AddUnstartedAsync(hold);
            await holds.MarkStartedAsync(hold);
        }
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
        return await FormPosts.SignedInToCreditAsync(Host.Client.BaseAddress!, OfficerKey);
    }

    /// <summary>A browser-like client that is not signed in.</summary>
    internal HttpClient Visitor() => FormPosts.Browser(Host.Client.BaseAddress!);

    private static Money Cny(decimal amount) => new(amount, new Currency("CNY"));

    private static DunningRecord Record(string customer, string invoice, DateOnly issued, DateOnly due, decimal amount, InvoicePayment[] payments) =>
        DunningRecord.Booked(customer, invoice, issued, due, Cny(amount)) with { Payments = payments };
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}
