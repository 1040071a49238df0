using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>
/// The order check when storage stops answering. The host runs on an Azurite of its own, which the
/// test pauses (SIGSTOP) as a storage stall would: a new order is turned away at once with 503 and
/// Retry-After, storing nothing, and an order already decided still gets its decision; once storage
/// answers again the order that waited is decided, and the turned-away one is decided on its retry.
/// </summary>
public sealed class OrderCheckUnderPressureTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly FakeTimeProvider _clock = new(ErpHost.Start);
    private AzuriteInstance? _azurite;
    private RunningHost? _host;

    private RunningHost Host => _host!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(inMemoryPersistence: true);
        _host = await RunningHost.StartAsync(
            _azurite.ConnectionString,
            new Dictionary<string, string?> { ["Erp__SigningKeys__0"] = ErpHost.Key },
            overrideServices: services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        if (_azurite is { IsRunning: true })
        {
            Signal(_azurite, "CONT");
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task StorageStalls_NewOrdersAreTurnedAwayAtOnceStoringNothing_ADecidedOrderGetsItsDecision_AndAllIsDecidedOnceStorageAnswers()
    {
        var customer = await CustomerAsync(100_000m);
        var other = await CustomerAsync(100_000m);
        var o1 = ErpHost.Order(customer, "o1", 10_000m);
        var decided = await PostAsync(o1);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var firstAnswer = await decided.Content.ReadAsStringAsync();

        Task<HttpResponseMessage> waiting;
        Signal(_azurite!, "STOP");
        try
        {
            // o2 reaches its customer's writer, whose commit waits for storage; a second later nothing has come back.
            // (Queued is not enough: the writer starts on the thread pool, and only a commit under way marks the silence.)
            waiting = PostAsync(ErpHost.Order(customer, "o2", 20_000m));
            var queues = Host.Services.GetRequiredService<CustomerQueues>();
            Assert.True(
                SpinWait.SpinUntil(() => queues.Waiting == 1 && queues.Pace.CommitsUnderWay == 1, TimeSpan.FromSeconds(30)),
                "o2's commit never began");
            _clock.Advance(TimeSpan.FromSeconds(1));

            foreach (var turnedAway in new[] { await PostAsync(ErpHost.Order(customer, "o3", 30_000m)), await PostAsync(ErpHost.Order(other, "o4", 5_000m)) })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, turnedAway.StatusCode);
                Assert.Equal("1", turnedAway.Headers.GetValues("Retry-After").Single());
                Assert.Equal("application/problem+json", turnedAway.Content.Headers.ContentType!.MediaType);
                var problem = await ErpHost.JsonOf(turnedAway);
                Assert.Equal("Order check busy", problem.GetProperty("title").GetString());
                Assert.Contains("Nothing was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            // The ERP did not hear o1's answer and sends it again: it gets it, though storage still answers nothing.
            var repeated = await PostAsync(o1);
            Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
            Assert.Equal(firstAnswer, await repeated.Content.ReadAsStringAsync());
        }
        finally
        {
            Signal(_azurite!, "CONT");
        }

        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
        var ledgers = Host.Services.GetRequiredService<CustomerLedgerStore>();
        var afterStall = await ledgers.ReadAsync(customer, [(ErpDocumentKind.Order, "o3")]);
        Assert.Empty(afterStall.Records);
        Assert.Equal(30_000m, afterStall.Exposure!.Amounts.OpenOrders.Amount);
        Assert.Null((await ledgers.ReadAsync(other, [(ErpDocumentKind.Order, "o4")])).Exposure);

        // The ERP retries the turned-away order a second later: it is decided like any other.
        _clock.Advance(TimeSpan.FromSeconds(1));
        var retried = await PostAsync(ErpHost.Order(customer, "o3", 30_000m));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("pass", (await ErpHost.JsonOf(retried)).GetProperty("decision").GetString());
        Assert.Equal(60_000m, (await ledgers.ReadAsync(customer, [])).Exposure!.Amounts.OpenOrders.Amount);
    }

    private async Task<HttpResponseMessage> PostAsync(object order)
    {
        using var request = ErpHost.Signed("orders", JsonSerializer.Serialize(order, Json), _clock.GetUtcNow());
        return await Host.Client.SendAsync(request);
    }

    private async Task<string> CustomerAsync(decimal limit)
    {
        var id = UniqueName.For("cust");
        var profile = new CustomerCreditProfile(id, CreditClass.B, Money.Of(limit, "CNY"), 30, string.Empty, CreditProfileStatus.Active, 70m, null, null, null);
        var decision = new CreditDecision(UniqueName.For("d"), id, _clock.GetUtcNow(), "test", "profile created", "test setup", "{}", null, null);
        await Host.Services.GetRequiredService<CreditStore>().Profiles.CreateAsync(profile, decision);
        return id;
    }

    /// <summary>Stops or continues the emulator's process, as a storage stall would and as its end would.</summary>
    private static void Signal(AzuriteInstance azurite, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, azurite.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
