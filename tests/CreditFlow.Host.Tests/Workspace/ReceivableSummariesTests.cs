using Azure.Data.Tables;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Workspace.Dashboard;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Receivables;
using CreditFlow.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>
/// The customers' receivables summaries the dashboard adds up, kept on real Azurite as invoices change: what a credit
/// manager would check is that a payment booked after the last look shows at the next one, and that nothing is lost
/// when changes come faster than they are counted or the dashboard's settings change.
/// </summary>
public sealed class ReceivableSummariesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
    private DunningStore invoices = null!;
    private CustomerReceivablesStore summaries = null!;

    public async Task InitializeAsync()
    {
        var tables = new TableServiceClient((await SharedAzurite.GetAsync()).ConnectionString);
        var prefix = "sum" + Guid.NewGuid().ToString("N")[..10];
        var dunning = tables.GetTableClient(prefix + "Dunning");
        var kept = tables.GetTableClient(prefix + "Receivables");
        await dunning.CreateIfNotExistsAsync();
        await kept.CreateIfNotExistsAsync();
        invoices = new DunningStore(dunning, kept);
        summaries = new CustomerReceivablesStore(kept);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task APaymentBookedAfterTheLastLook_IsCountedAtTheNext_AndOnlyItsCustomerIsSummarisedAgain()
    {
        var updater = Updater(months: 12);
        var i1 = await invoices.AddAsync(Invoice("c1", "i1", 20_000m));
        await invoices.AddAsync(Invoice("c2", "i2", 30_000m));
        Assert.False(await updater.UpdateAsync(10, default));
        Assert.Equal(50_000m, await OpenAsync(updater));
        Assert.Empty(await invoices.ChangedCustomersAsync(10));

        await invoices.SaveAsync(i1 with { Payments = [new InvoicePayment(new(2026, 3, 18), Cny(5_000m))] });

        Assert.Equal(["c1"], (await invoices.ChangedCustomersAsync(10)).Select(c => c.CustomerId));
        Assert.False(await updater.UpdateAsync(10, default));
        Assert.Equal(45_000m, await OpenAsync(updater));
        var c1 = (await updater.ReadAsync(Today, default)).Usable.Single(s => s.CustomerId == "c1");
        Assert.Equal(Cny(5_000m), c1.CollectedIn(new(2026, 3, 1)));
    }

    [Fact]
    public async Task ALookThatOnlyMovesWhereDunningStands_MarksNobody_APaymentStillDoes()
    {
        var updater = Updater(months: 12);
        var i1 = await invoices.AddAsync(Invoice("c1", "i1", 20_000m));
        Assert.False(await updater.UpdateAsync(10, default));

        var looked = await invoices.SaveStandingAsync(i1 with { Standing = new DunningStanding("Running", 0, "reminder", new(2026, 4, 16), 20_000m, clock.GetUtcNow()), LadderVersion = 1 });
        var marksAfterTheLook = await invoices.ChangedCustomersAsync(10);
        await invoices.SaveAsync(looked with { Payments = [new InvoicePayment(new(2026, 3, 19), Cny(2_000m))] });

        Assert.Empty(marksAfterTheLook);
        Assert.Equal(("reminder", 1), ((await invoices.GetAsync("c1", "i1"))!.Standing.NextStep, (await invoices.GetAsync("c1", "i1"))!.LadderVersion));
        Assert.Equal(["c1"], (await invoices.ChangedCustomersAsync(10)).Select(c => c.CustomerId));
        Assert.False(await updater.UpdateAsync(10, default));
        Assert.Equal(18_000m, await OpenAsync(updater));
    }

    [Fact]
    public async Task MoreChangesThanAnUpdateTakes_AreLeftForTheNext()
    {
        var updater = Updater(months: 12);
        foreach (var c in new[] { "c1", "c2", "c3" })
        {
            await invoices.AddAsync(Invoice(c, "inv-" + c, 1_000m));
        }

        Assert.True(await updater.UpdateAsync(2, default));
        Assert.Equal(2, (await updater.ReadAsync(Today, default)).Usable.Count);
        Assert.False(await updater.UpdateAsync(2, default));
        Assert.Equal(3_000m, await OpenAsync(updater));
    }

    [Fact]
    public async Task LongerHistoryAskedFor_BuildsEverySummaryAgain_AndUntilThenTheShortOnesAreNotAddedUp()
    {
        await invoices.AddAsync(Invoice("c1", "i1", 1_000m));
        await invoices.AddAsync(Invoice("c2", "i2", 2_000m));
        await Updater(months: 3).UpdateAsync(10, default); // 36 months kept: what the core customers' three years ask for

        var longer = Updater(months: 40);
        Assert.Equal(2, (await longer.ReadAsync(Today, default)).TooShort);

        Assert.False(await longer.UpdateAsync(10, default));
        var (usable, tooShort) = await longer.ReadAsync(Today, default);
        Assert.Equal(0, tooShort);
        Assert.All(usable, s => Assert.Equal(40 + 3, s.Months.Count));
        Assert.Equal(3_000m, await OpenAsync(longer));
    }

    [Fact]
    public async Task AnInvoiceAddedAgain_MarksItsCustomerAgain_SoACrashBeforeItsMarkIsHealedByTheRetry()
    {
        // A new invoice is marked after it is stored, once: what heals a crash between the two is the ERP's retry.
        var updater = Updater(months: 12);
        var first = await invoices.AddAsync(Invoice("c1", "i1", 1_000m));
        Assert.False(await updater.UpdateAsync(10, default));
        Assert.Empty(await invoices.ChangedCustomersAsync(10));

        var retried = await invoices.AddAsync(Invoice("c1", "i1", 9_000m));

        Assert.Equal((first.ETag, 1_000m), (retried.ETag, retried.Amount.Amount));
        Assert.Equal(["c1"], (await invoices.ChangedCustomersAsync(10)).Select(c => c.CustomerId));
        Assert.False(await updater.UpdateAsync(10, default));
        Assert.Equal(1_000m, await OpenAsync(updater));
    }

    [Fact]
    public async Task TheBackgroundUpdate_SummarisesEveryChangedCustomer_OverSeveralGoes_WithNoDashboardRequest()
    {
        // 130 customers: more than the background's go of 100, so it takes more than one, two customers at a time as configured.
        var settings = Options.Create(new DashboardOptions { Months = 12, DsoMonths = 3, SummaryIntervalSeconds = 10, SummaryBackgroundParallelism = 2 });
        var updater = new ReceivableSummaries(invoices, summaries, settings, clock, NullLogger<ReceivableSummaries>.Instance);
        await Parallel.ForEachAsync(Enumerable.Range(1, 130), async (n, ct) => await invoices.AddAsync(Invoice($"c{n}", $"i{n}", n * 100m), ct));
        using var background = new ReceivableSummaryUpdates(updater, settings, clock, NullLogger<ReceivableSummaryUpdates>.Instance);
        await background.StartAsync(default);

        // The service starts its timer on a thread of its own, so the clock is moved an interval on until the marks are gone.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await invoices.ChangedCustomersAsync(1, cts.Token)).Count > 0)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(50, cts.Token);
        }

        await background.StopAsync(default);
        Assert.Equal(130 * 131 / 2 * 100m, await OpenAsync(updater));
        Assert.Equal(130, (await updater.ReadAsync(Today, default)).Usable.Count);
    }

    [Fact]
    public async Task AMarkSetAgainWhileItsCustomerWasSummarised_Stays()
    {
        await invoices.AddAsync(Invoice("c1", "i1", 1_000m));
        var mark = (await invoices.ChangedCustomersAsync(10)).Single();

        await invoices.MarkChangedAsync("c1");

        Assert.Equal(ClearedMark.ChangedAgain, await invoices.ClearChangedAsync(mark));
        var again = (await invoices.ChangedCustomersAsync(10)).Single();
        Assert.Equal(ClearedMark.Cleared, await invoices.ClearChangedAsync(again));
        Assert.Equal(ClearedMark.Gone, await invoices.ClearChangedAsync(again));
        Assert.Empty(await invoices.ChangedCustomersAsync(10));
    }

    private static readonly DateOnly Today = new(2026, 3, 20);

    private ReceivableSummaries Updater(int months) =>
        new(invoices, summaries, Options.Create(new DashboardOptions { Months = months, DsoMonths = 3 }), clock, NullLogger<ReceivableSummaries>.Instance);

    private async Task<decimal> OpenAsync(ReceivableSummaries updater) =>
        (await updater.ReadAsync(Today, default)).Usable.Sum(s => s.Open.Sum(o => o.Invoice.Open.Amount));

    private static Money Cny(decimal amount) => new(amount, new Currency("CNY"));

    private static DunningRecord Invoice(string customer, string id, decimal amount) =>
        DunningRecord.Booked(customer, id, new(2026, 2, 10), new(2026, 3, 12), Cny(amount));
}
