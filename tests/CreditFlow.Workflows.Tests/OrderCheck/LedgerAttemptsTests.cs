using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Workflows.Tests.OrderCheck;

/// <summary>
/// The caller's side of a ledger change: a document the ERP sends is presumed new on the first attempt
/// (its row unread, the exposure row perhaps remembered), a lost race is read and decided again, and a
/// hold goes on the worklist only once the document has been read.
/// </summary>
public sealed class LedgerAttemptsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Currency Cny = new("CNY");
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<CustomerLedgerStore, StorageRequestTally> _tallies = [];

    [Fact]
    public async Task NewDocument_FirstAttemptDoesNotReadIt_ARetriedOneIsReadAndAnsweredFromItsRow()
    {
        var (_, ledgers) = await OpenAsync();
        var seen = new List<bool>();
        LedgerChange? Decide(CustomerLedger ledger, List<string> result)
        {
            var existing = ledger.Find<OrderRecord>(ErpDocumentKind.Order, "o1");
            seen.Add(existing is not null);
            result.Add(existing is null ? "booked" : "repeated");
            return existing is null ? new LedgerChange(Booked(10m), [Order("o1", 10m)]) : null;
        }

        var first = new List<string>();
        await NewOrder(ledgers, "c4", "o1").ChangeAsync(l => Decide(l, first), CancellationToken.None);
        Assert.Equal("booked", first[^1]);
        Assert.Equal([false], seen);

        var again = new List<string>();
        await NewOrder(ledgers, "c4", "o1").ChangeAsync(l => Decide(l, again), CancellationToken.None);
        Assert.Equal("repeated", again[^1]);
        Assert.Equal([false, false, true], seen);
        Assert.Equal(10m, (await ledgers.ReadAsync("c4", [])).Exposure!.Amounts.OpenOrders.Amount);
    }

    [Fact]
    public async Task Preparation_RunsOnlyOnceTheDocumentHasBeenRead_SoARetryPreparesNothing()
    {
        var (_, ledgers) = await OpenAsync();
        await NewOrder(ledgers, "c5", "o1").ChangeAsync(_ => new LedgerChange(null, [Order("o1", 10m)]), CancellationToken.None);
        var prepared = 0;

        var checkedInTurn = await NewOrder(ledgers, "c5", "o1").CheckInTurnAsync(
            [
                ledger => ledger.Find<OrderRecord>(ErpDocumentKind.Order, "o1") is null
                    ? new CheckedDocument(Answer("1"), new LedgerChange(null, [Order("o1", 10m)]), Hold("c5", "o1"))
                    : new CheckedDocument(Answer("2"), null, null),
            ],
            (_, _) => Task.FromResult(++prepared),
            CancellationToken.None);

        Assert.Equal("2", Assert.Single(checkedInTurn).Committed!.Answer.Json);
        Assert.Equal(0, prepared);
    }

    [Fact]
    public async Task NextOrderOfACustomerJustServed_CostsOneRequest_DecidedOnTheRowAsThisProcessWroteIt()
    {
        var (store, ledgers) = await OpenAsync();
        await store.Profiles.CreateAsync(Profile("c7", CreditProfileStatus.Active), Decision("c7", "d1"));
        await NewOrder(ledgers, "c7", "o1").ChangeAsync(BookOrder("o1", 100m), CancellationToken.None);
        var tally = _tallies[ledgers];
        var before = tally.Total;
        var seen = new List<decimal>();

        await NewOrder(ledgers, "c7", "o2").ChangeAsync(BookOrder("o2", 50m, seen), CancellationToken.None);

        Assert.Equal(1, tally.Total - before);
        Assert.Equal([100m], seen);
        Assert.Equal(150m, (await ledgers.ReadAsync("c7", [])).Exposure!.Amounts.OpenOrders.Amount);
    }

    [Fact]
    public async Task RememberedRowChangedElsewhere_TheCommitFails_AndTheOrderIsDecidedAgainOnWhatIsStored()
    {
        var prefix = UniqueName.For("t");
        var store = await CreditStore.OpenAsync(azurite.ConnectionString, new CreditStorageOptions { Prefix = prefix }, new FakeTimeProvider(Start));
        var here = Ledgers(prefix);
        var elsewhere = Ledgers(prefix);
        var created = await store.Profiles.CreateAsync(Profile("c8", CreditProfileStatus.Active), Decision("c8", "d1"));
        await NewOrder(here, "c8", "o1").ChangeAsync(BookOrder("o1", 100m), CancellationToken.None);

        // Another process books an order, and the profile changes: this process remembers neither.
        await NewOrder(elsewhere, "c8", "o2").ChangeAsync(BookOrder("o2", 40m), CancellationToken.None);
        await store.Profiles.UpdateAsync(Profile("c8", CreditProfileStatus.Suspended), created.ETag, Decision("c8", "d2"));
        var seen = new List<decimal>();
        var statuses = new List<CreditProfileStatus?>();
        await NewOrder(here, "c8", "o3").ChangeAsync(BookOrder("o3", 10m, seen, statuses), CancellationToken.None);

        Assert.Equal([100m, 140m], seen);
        Assert.Equal([CreditProfileStatus.Active, CreditProfileStatus.Suspended], statuses);
        Assert.Equal(150m, (await here.ReadAsync("c8", [])).Exposure!.Amounts.OpenOrders.Amount);
    }

    [Fact]
    public async Task DocumentsCheckedInTurn_EachSeesTheOnesBeforeIt_OneThatFailsIsRefusedAlone_TheRestCommittedInOneTransaction()
    {
        var (store, ledgers) = await OpenAsync();
        await store.Profiles.CreateAsync(Profile("c9", CreditProfileStatus.Active), Decision("c9", "d1"));
        await NewOrder(ledgers, "c9", "o0").ChangeAsync(BookOrder("o0", 100m), CancellationToken.None);
        var tally = _tallies[ledgers];
        var before = tally.Total;
        var seen = new List<decimal>();
        CheckedDocument Passes(string id, decimal amount, CustomerLedger ledger) =>
            new(Answer(id), BookOrder(id, amount, seen)(ledger), null);

        var checkedInTurn = await LedgerAttempts.ForNewDocuments(ledgers, LedgerRetryOptions.Default, "c9", [(ErpDocumentKind.Order, "o1"), (ErpDocumentKind.Order, "o2"), (ErpDocumentKind.Order, "o3")], [])
            .CheckInTurnAsync(
                [
                    ledger => Passes("o1", 10m, ledger),
                    _ => throw new CurrencyMismatchException(Cny, new Currency("EUR")),
                    ledger => Passes("o3", 20m, ledger),
                ],
                (_, _) => Task.CompletedTask,
                CancellationToken.None);

        Assert.Equal(["o1", null, "o3"], checkedInTurn.Select(c => c.Committed?.Answer.Json));
        Assert.IsType<CurrencyMismatchException>(checkedInTurn[1].Refused);
        Assert.Equal([100m, 110m], seen);
        Assert.Equal(1, tally.Total - before);
        var stored = await ledgers.ReadAsync("c9", [(ErpDocumentKind.Order, "o1"), (ErpDocumentKind.Order, "o2"), (ErpDocumentKind.Order, "o3")]);
        Assert.Equal(130m, stored.Exposure!.Amounts.OpenOrders.Amount);
        Assert.Equal(2, stored.Records.Count);
    }

    [Fact]
    public async Task OneOfSeveralDocumentsHeld_OnlyItsRowIsReadBeforeItGoesOnTheWorklist_TheOthersStayPresumedNew()
    {
        var (store, ledgers) = await OpenAsync();
        await store.Profiles.CreateAsync(Profile("c10", CreditProfileStatus.Active), Decision("c10", "d1"));
        await NewOrder(ledgers, "c10", "o0").ChangeAsync(BookOrder("o0", 100m), CancellationToken.None);
        var tally = _tallies[ledgers];
        var before = tally.Total;
        var recorded = new List<string>();
        CheckedDocument Passes(string id, CustomerLedger ledger) => new(Answer(id), BookOrder(id, 10m)(ledger), null);
        CheckedDocument Held(string id, CustomerLedger ledger) =>
            new(Answer(ledger.Find<OrderRecord>(ErpDocumentKind.Order, id) is null ? "held" : "repeat"), new LedgerChange(null, [Order(id, 10m)]), Hold("c10", id));

        var checkedInTurn = await LedgerAttempts.ForNewDocuments(ledgers, LedgerRetryOptions.Default, "c10", [(ErpDocumentKind.Order, "o1"), (ErpDocumentKind.Order, "o2"), (ErpDocumentKind.Order, "o3")], [])
            .CheckInTurnAsync(
                [l => Passes("o1", l), l => Held("o2", l), l => Passes("o3", l)],
                (hold, _) =>
                {
                    recorded.Add(hold.DocumentId);
                    return Task.CompletedTask;
                },
                CancellationToken.None);

        Assert.Equal(["o1", "held", "o3"], checkedInTurn.Select(c => c.Committed!.Answer.Json));
        Assert.Equal(["o2"], recorded);

        // The exposure row afresh and o2's row, then one transaction: o1's and o3's rows are never read.
        Assert.Equal(3, tally.Total - before);
        Assert.Equal(120m, (await ledgers.ReadAsync("c10", [])).Exposure!.Amounts.OpenOrders.Amount);
    }

    private static LedgerAttempts NewOrder(CustomerLedgerStore ledgers, string customerId, string orderId) =>
        LedgerAttempts.ForNewDocument(ledgers, LedgerRetryOptions.Default, customerId, (ErpDocumentKind.Order, orderId), []);

    private static Func<CustomerLedger, LedgerChange?> BookOrder(string id, decimal amount, List<decimal>? seen = null, List<CreditProfileStatus?>? statuses = null) =>
        ledger =>
        {
            var state = ledger.Exposure ?? ExposureState.Empty(Cny);
            seen?.Add(state.Amounts.OpenOrders.Amount);
            statuses?.Add(ledger.Profile?.Status);
            var after = state with { Amounts = state.Amounts with { OpenOrders = state.Amounts.OpenOrders + Money.Of(amount, "CNY") }, Version = state.Version + 1 };
            return new LedgerChange(after, [Order(id, amount)]);
        };

    private CustomerLedgerStore Ledgers(string prefix)
    {
        var services = new ServiceCollection().AddOrderCheckStorage(azurite.ConnectionString, prefix).BuildServiceProvider();
        var ledgers = services.GetRequiredService<CustomerLedgerStore>();
        _tallies[ledgers] = services.GetRequiredService<StorageRequestTally>();
        return ledgers;
    }

    private async Task<(CreditStore Store, CustomerLedgerStore Ledgers)> OpenAsync()
    {
        var prefix = UniqueName.For("t");
        var store = await CreditStore.OpenAsync(azurite.ConnectionString, new CreditStorageOptions { Prefix = prefix }, new FakeTimeProvider(Start));
        return (store, Ledgers(prefix));
    }

    private static ErpAnswer Answer(string json) => new(ErpAnswerOutcome.Answered, json);

    private static HoldInput Hold(string customerId, string orderId) => new(
        HoldInput.IdFor(ErpDocumentKind.Order, orderId), ErpDocumentKind.Order, customerId, orderId, orderId, Money.Of(10m, "CNY"), DateOnly.FromDateTime(Start.UtcDateTime),
        Money.Of(10m, "CNY"), CreditRole.CreditManager, [CreditRole.CreditManager], ["over the limit"], [], Start, new CallbackRetry(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

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
        new(id, customerId, Start, "officer", "profile " + id, "test", "{}", null, null);
}
