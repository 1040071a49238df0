using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Storage.Tests.Orders;

/// <summary>
/// The customer ledger's exposure row: it carries the profile copy and the order terms beside the
/// exposure, each writer keeps to its own columns, and any write makes an order decided before it lose its commit.
/// </summary>
public sealed class CustomerLedgerStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Currency Cny = new("CNY");

    [Fact]
    public async Task ProfileWrites_AreSeenByTheLedger_AndAnOrderDecidedOnTheOldProfileLosesItsCommit()
    {
        var (store, ledgers) = await OpenAsync();
        var profile = Profile("c1", CreditProfileStatus.Active);
        var created = await store.Profiles.CreateAsync(profile, Decision("c1", "d1"));
        var before = await ledgers.ReadAsync("c1", []);
        Assert.Equal(profile, before.Profile);

        await store.Profiles.UpdateAsync(profile with { Status = CreditProfileStatus.Blacklisted }, created.ETag, Decision("c1", "d2"));
        var committed = await ledgers.TryCommitAsync(before, new LedgerChange(Booked(100m), [Order("o1", 100m)]));

        Assert.False(committed);
        var after = await ledgers.ReadAsync("c1", [(ErpDocumentKind.Order, "o1")]);
        Assert.Equal(CreditProfileStatus.Blacklisted, after.Profile!.Status);
        Assert.Null(after.Exposure);
        Assert.Empty(after.Records);
    }

    [Fact]
    public async Task LostCommit_SaysWhichRaceItLost_TheExposureRowOrADocumentThatExists()
    {
        var (store, ledgers) = await OpenAsync();
        await store.Profiles.CreateAsync(Profile("c9", CreditProfileStatus.Active), Decision("c9", "d1"));
        var read = await ledgers.ReadAsync("c9", []);
        Assert.Equal(LedgerCommit.Committed, await ledgers.CommitAsync(read, new LedgerChange(Booked(100m), [Order("o1", 100m)])));

        // Decided on the row as it was before o1: the exposure row moved.
        Assert.Equal(LedgerCommit.ExposureMoved, await ledgers.CommitAsync(read, new LedgerChange(Booked(50m), [Order("o2", 50m)])));

        // Decided on the current row, but presuming o1 new: the document exists.
        var current = await ledgers.ReadAsync("c9", []);
        Assert.Equal(LedgerCommit.DocumentMoved, await ledgers.CommitAsync(current, new LedgerChange(Booked(200m), [Order("o1", 100m)])));
        Assert.Equal(100m, (await ledgers.ReadAsync("c9", [])).Exposure!.Amounts.OpenOrders.Amount);
    }

    [Fact]
    public async Task ProfileWrittenBeforeProfilesWereCopied_IsReadFromItsOwnRow()
    {
        var (store, ledgers, table) = await OpenWithTableAsync();
        var profile = Profile("c6", CreditProfileStatus.Active);
        await store.Profiles.CreateAsync(profile, Decision("c6", "d1"));

        // What an older version left: an exposure row without the copy.
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("c6", "exposure") { ["Currency"] = "CNY", ["OpenOrders"] = "5" }, Azure.Data.Tables.TableUpdateMode.Replace);
        var ledger = await ledgers.ReadAsync("c6", []);

        Assert.Equal(profile, ledger.Profile);
        Assert.Equal(5m, ledger.Exposure!.Amounts.OpenOrders.Amount);
    }

    [Fact]
    public async Task ExposureTermsAndProfileCopy_OnOneRow_NoWriterOverwritesAnother()
    {
        var (store, ledgers) = await OpenAsync();
        var profile = Profile("c2", CreditProfileStatus.Active);
        var created = await store.Profiles.CreateAsync(profile, Decision("c2", "d1"));
        await ledgers.SetTermsAsync("c2", new OrderTerms(true, 0.3m), Decision("c2", "d2"));
        Assert.True(await ledgers.TryCommitAsync(await ledgers.ReadAsync("c2", []), new LedgerChange(Booked(250m), [Order("o1", 250m)])));

        await store.Profiles.UpdateAsync(profile with { TermDays = 45 }, created.ETag, Decision("c2", "d3"));
        var ledger = await ledgers.ReadAsync("c2", [(ErpDocumentKind.Order, "o1")]);

        Assert.Equal(45, ledger.Profile!.TermDays);
        Assert.Equal(new OrderTerms(true, 0.3m), ledger.Terms);
        Assert.Equal(250m, ledger.Exposure!.Amounts.OpenOrders.Amount);
        Assert.Equal(250m, ledger.Find<OrderRecord>(ErpDocumentKind.Order, "o1")!.Ledger.Accepted.Amount);
    }

    [Fact]
    public async Task ThousandsOfOpenInvoices_SpanSeveralColumns_AndAShorterListLeavesNoneBehind()
    {
        var (_, ledgers) = await OpenAsync();
        var due = new DateOnly(2026, 1, 31);
        var many = Enumerable.Range(1, 3_000).Select(i => new Invoice("c3", $"inv-{i:D6}", due.AddDays(i % 60 - 30), due.AddDays(i % 60), Money.Of(1_000m + i, "CNY")) { Paid = Money.Of(i % 7, "CNY") }).ToArray();
        var state = ExposureState.Empty(Cny) with { OpenInvoices = many, Version = 1 };

        Assert.True(await ledgers.TryCommitAsync(await ledgers.ReadAsync("c3", []), new LedgerChange(state, [])));
        var read = await ledgers.ReadAsync("c3", []);
        Assert.Equal(many, read.Exposure!.OpenInvoices);

        Assert.True(await ledgers.TryCommitAsync(read, new LedgerChange(state with { OpenInvoices = many[..1], Version = 2 }, [])));
        Assert.Equal(many[..1], (await ledgers.ReadAsync("c3", [])).Exposure!.OpenInvoices);
    }

    [Fact]
    public async Task RowsWrittenBeforeTheWholeInvoiceWasKept_ReadAsInvoicesWithTheirOpenAmount()
    {
        var (_, ledgers, table) = await OpenWithTableAsync();

        // What an older version left: the exposure list with only id, due date and open amount, and an invoice row without its issue date.
        await table.UpsertEntityAsync(
            new Azure.Data.Tables.TableEntity("c7", "exposure")
            {
                ["Currency"] = "CNY", ["OpenReceivables"] = "700", ["OpenInvoiceChunks"] = 1,
                ["OpenInvoices"] = """[{"Id":"inv-1","Due":"2026-03-31","Open":"700"}]""",
            },
            Azure.Data.Tables.TableUpdateMode.Replace);
        await table.UpsertEntityAsync(
            new Azure.Data.Tables.TableEntity("c7", "erp|invoice|inv-1") { ["Currency"] = "CNY", ["Amount"] = "1000", ["Paid"] = "300", ["DueDate"] = "2026-03-31" },
            Azure.Data.Tables.TableUpdateMode.Replace);
        var ledger = await ledgers.ReadAsync("c7", [(ErpDocumentKind.Invoice, "inv-1")]);

        var listed = Assert.Single(ledger.Exposure!.OpenInvoices);
        Assert.Equal(("inv-1", new DateOnly(2026, 3, 31), 700m), (listed.InvoiceId, listed.DueDate, listed.Open.Amount));
        var booked = ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, "inv-1")!.Invoice!;
        Assert.Equal(("c7", 1_000m, 300m, 700m), (booked.CustomerId, booked.Amount.Amount, booked.Paid.Amount, booked.Open.Amount));
    }

    [Fact]
    public async Task PaymentBeforeItsInvoice_IsKeptOnTheRow_AndCarriedOntoTheInvoiceWhenBooked()
    {
        var (_, ledgers) = await OpenAsync();
        var ahead = InvoiceRecord.Unknown("inv-9", Cny).Pay(Money.Of(400m, "CNY")).Credit(Money.Of(100m, "CNY"));
        var state = ExposureState.Empty(Cny) with { Version = 1 };
        Assert.True(await ledgers.TryCommitAsync(await ledgers.ReadAsync("c8", []), new LedgerChange(state, [ahead])));

        var read = (await ledgers.ReadAsync("c8", [(ErpDocumentKind.Invoice, "inv-9")])).Find<InvoiceRecord>(ErpDocumentKind.Invoice, "inv-9")!;
        Assert.Null(read.Invoice);
        Assert.Equal((400m, 100m), (read.Paid.Amount, read.Credited.Amount));

        var booked = read.Book(new Invoice("c8", "inv-9", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1), Money.Of(1_000m, "CNY"))).Invoice!;
        Assert.Equal((400m, 100m, 500m), (booked.Paid.Amount, booked.Credited.Amount, booked.Open.Amount));
    }

    [Fact]
    public async Task DocumentsReadOnTheirOwn_AreTheRowsAskedForThatExist_AsTheWholeLedgerReadFindsThem()
    {
        var (store, ledgers) = await OpenAsync();
        await store.Profiles.CreateAsync(Profile("c10", CreditProfileStatus.Active), Decision("c10", "d1"));
        var invoice = InvoiceRecord.Unknown("inv-1", Cny).Book(new Invoice("c10", "inv-1", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1), Money.Of(1_000m, "CNY")));
        var paid = invoice.Pay(Money.Of(250m, "CNY"));
        Assert.True(await ledgers.TryCommitAsync(await ledgers.ReadAsync("c10", []), new LedgerChange(ExposureState.Empty(Cny) with { Version = 1 }, [paid, Order("o1", 80m)])));

        var documents = await ledgers.ReadDocumentsAsync("c10", [(ErpDocumentKind.Invoice, "inv-1"), (ErpDocumentKind.Invoice, "inv-404"), (ErpDocumentKind.Invoice, "inv-1")]);

        Assert.Equal(750m, documents.Find<InvoiceRecord>(ErpDocumentKind.Invoice, "inv-1")!.Invoice!.Open.Amount);
        Assert.Null(documents.Find<InvoiceRecord>(ErpDocumentKind.Invoice, "inv-404"));
        Assert.Null(documents.Find<OrderRecord>(ErpDocumentKind.Order, "o1")); // not asked for
        Assert.Single(documents.Records);
        var whole = await ledgers.ReadAsync("c10", [(ErpDocumentKind.Invoice, "inv-1")]);
        Assert.Equal(whole.Records.Keys, documents.Records.Keys);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ledgers.ReadDocumentsAsync("c/10", []));
        Assert.Equal("customerId", refused.ParamName);
    }

    [Fact]
    public async Task CreditOfEveryCustomer_IsEachProfileWithItsExposure_WhicheverOfTheTwoACustomerHas()
    {
        var (store, ledgers) = await OpenAsync();
        await store.Profiles.CreateAsync(Profile("with-both", CreditProfileStatus.Active), Decision("with-both", "d1"));
        await store.Profiles.CreateAsync(Profile("profile-only", CreditProfileStatus.Trial), Decision("profile-only", "d1"));
        foreach (var customer in new[] { "with-both", "exposure-only" })
        {
            Assert.True(await ledgers.TryCommitAsync(await ledgers.ReadAsync(customer, []), new LedgerChange(Booked(250m), [Order("o-" + customer, 250m)])));
        }

        var credit = await ledgers.CreditOfEveryCustomerAsync();

        Assert.Equal(["exposure-only", "profile-only", "with-both"], credit.Select(c => c.CustomerId));
        Assert.Equal((CreditProfileStatus.Active, 250m), (credit[2].Profile!.Status, credit[2].Exposure!.Total.Amount));
        Assert.Equal((CreditProfileStatus.Trial, (decimal?)null), (credit[1].Profile!.Status, credit[1].Exposure?.Total.Amount));
        Assert.Equal(((CustomerCreditProfile?)null, 250m), (credit[0].Profile, credit[0].Exposure!.OpenOrders.Amount));
    }

    private async Task<(CreditStore Store, CustomerLedgerStore Ledgers)> OpenAsync()
    {
        var (store, ledgers, _) = await OpenWithTableAsync();
        return (store, ledgers);
    }

    private async Task<(CreditStore Store, CustomerLedgerStore Ledgers, Azure.Data.Tables.TableClient Table)> OpenWithTableAsync()
    {
        var prefix = UniqueName.For("t");
        var store = await CreditStore.OpenAsync(azurite.ConnectionString, new CreditStorageOptions { Prefix = prefix }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestStore.Start));
        var ledgers = new ServiceCollection().AddOrderCheckStorage(azurite.ConnectionString, prefix).BuildServiceProvider().GetRequiredService<CustomerLedgerStore>();
        return (store, ledgers, new Azure.Data.Tables.TableClient(azurite.ConnectionString, prefix + "Credit"));
    }

    private static ExposureState Booked(decimal openOrders) =>
        ExposureState.Empty(Cny) with { Amounts = CreditExposure.Zero(Cny) with { OpenOrders = Money.Of(openOrders, "CNY") }, Version = 1 };

    private static OrderRecord Order(string id, decimal amount) =>
        OrderRecord.Unknown(id, Cny) with
        {
            Answer = new StoredAnswer("hash", "{}"),
            Ledger = OrderLedger.Empty(Cny) with { Accepted = Money.Of(amount, "CNY") },
            Status = OrderStatus.Passed,
            Amount = Money.Of(amount, "CNY"),
        };

    private static CustomerCreditProfile Profile(string id, CreditProfileStatus status) =>
        new(id, CreditClass.B, Money.Of(1_000_000m, "CNY"), 30, "none", status, 72.5m, "multi-dimension", "1", null);

    private static CreditDecision Decision(string customerId, string id) =>
        new(id, customerId, TestStore.Start, "officer", "profile " + id, "test", "{}", null, null);
}
