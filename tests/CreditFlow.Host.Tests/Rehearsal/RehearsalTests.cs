using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Reviews;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Mail;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Reviews;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;
using CreditFlow.Testing;

namespace CreditFlow.Host.Tests.Rehearsal;

/// <summary>
/// The rehearsal clock as an admin uses it: off unless configured, refused in Production, moved ahead by whole days
/// with the admin key, kept across a restart; and the seeded invoices rehearsed to red as a newcomer would after run.sh.
/// </summary>
public sealed class RehearsalTests
{
    private const string AdminKey = "rehearsal-test-admin-key-0123456789abcd";
    private const string OfficerKey = "rehearsal-test-officer-key-0123456789ab";
    private const string ErpKey = "rehearsal-test-erp-signing-key-0123456789";
    private const string MonitorKey = "rehearsal-test-monitor-key-0123456789ab";

    [Fact]
    public async Task NotConfigured_TheClockIsTheRealOne_AndTheApiAnswers404()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, Keys());

        var show = await Client(host, AdminKey).GetAsync("/api/rehearsal");
        var advance = await Client(host, AdminKey).PostAsJsonAsync("/api/rehearsal/advance", new { days = 1 });

        Assert.Equal(HttpStatusCode.NotFound, show.StatusCode);
        Assert.Equal("application/problem+json", show.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Clock__Mode=Rehearsal", await show.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, advance.StatusCode);
    }

    [Fact]
    public async Task InProduction_RehearsalIsRefusedAtStart_NamingTheSetting()
    {
        var azurite = await SharedAzurite.GetAsync();

        var refused = await Assert.ThrowsAsync<SettingsException>(() => RunningHost.StartAsync(azurite.ConnectionString, Keys(new() { ["Clock__Mode"] = "Rehearsal" }), environmentName: "Production"));

        Assert.Equal("Clock__Mode", refused.Key);
        Assert.Contains("Clock__AllowRehearsalInProduction", refused.Problem);
    }

    [Fact]
    public async Task Advance_MovesBusinessTimeByWholeDays_AdminOnly_AndARestartKeepsIt()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = Keys(new() { ["Clock__Mode"] = "Rehearsal", ["Storage__Prefix"] = UniqueName.For("rehearse") });
        var before = DateTimeOffset.UtcNow;
        await using (var host = await RunningHost.StartAsync(azurite.ConnectionString, settings, environmentName: "Development"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Client(host, OfficerKey).PostAsJsonAsync("/api/rehearsal/advance", new { days = 30 })).StatusCode);
            var zero = await Client(host, AdminKey).PostAsJsonAsync("/api/rehearsal/advance", new { days = 0 });
            Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
            Assert.Contains("\"days\"", await zero.Content.ReadAsStringAsync());

            var moved = await Client(host, AdminKey).PostAsJsonAsync("/api/rehearsal/advance", new { days = 30 });
            moved.EnsureSuccessStatusCode();
            var view = await moved.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(30, view.GetProperty("aheadByDays").GetDouble());
            Assert.InRange(view.GetProperty("now").GetDateTimeOffset(), before.AddDays(30), DateTimeOffset.UtcNow.AddDays(30));
        }

        await using var restarted = await RunningHost.StartAsync(azurite.ConnectionString, settings, environmentName: "Development");
        var shown = await (await Client(restarted, OfficerKey).GetAsync("/api/rehearsal")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(30, shown.GetProperty("aheadByDays").GetDouble());
    }

    [Fact]
    public async Task Advance_KeepsTheOperatorAndCreditStaffSignedIn_TheirSessionsLastEightRealHours()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = Keys(new() { ["Clock__Mode"] = "Rehearsal", ["AdminKey"] = MonitorKey });
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, settings, environmentName: "Development");
        using var browser = FormPosts.Browser(host.Client.BaseAddress!);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/admin/login", "/admin/login", ("key", MonitorKey))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/credit/sign-in", "/credit/sign-in", ("key", OfficerKey))).StatusCode);

        (await Client(host, AdminKey).PostAsJsonAsync("/api/rehearsal/advance", new { days = 30 })).EnsureSuccessStatusCode();

        // A month of business time later the operator watches on, and the officer works the tasks, without signing in again.
        using var clock = await browser.GetAsync("/admin/clock");
        Assert.Equal(HttpStatusCode.OK, clock.StatusCode);
        Assert.Contains("30 days", await clock.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/credit/tasks")).StatusCode);
    }

    [Fact]
    public async Task TheDemo_ShowsAnOrangeWarningWithLegalsTask_AndAReviewProposalWaitingForTheCreditManager()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = Keys(new()
        {
            ["Demo__Seed"] = "true",
            ["Storage__Prefix"] = UniqueName.For("demo"),
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.5",
        });
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, settings, environmentName: "Development");
        var warnings = host.Services.GetRequiredService<WarningStore>();
        var tasks = host.Services.GetRequiredService<CreditTaskStore>();
        var reviews = host.Services.GetRequiredService<ReviewStore>();

        await Until(async () => (await warnings.ListAsync(customerId: "cust-demo-lotus")).Any(w => w.Level == WarningLevel.Orange && w.Owner == CreditRole.Legal), "Lotus's orange warning");
        await Until(async () => (await tasks.ListAsync(role: CreditRole.Legal, customerId: "cust-demo-lotus")).Any(t => t.Title.StartsWith("Answer the orange warning on Fuzhou Lotus Ceramics", StringComparison.Ordinal)), "legal's task to answer it");
        await Until(async () => (await reviews.SchedulesAsync()).Any(s => s.CustomerId == "cust-demo-lotus" && s.AwaitingApproval), "Lotus's review proposal");
        var proposal = (await reviews.GetAsync("cust-demo-lotus", 1))!.Proposal;
        Assert.Equal((ReviewChange.Increase, CreditClass.A, 1_200_000m), (proposal.Change, proposal.Class, proposal.Limit.Amount));
        Assert.Contains(await reviews.SchedulesAsync(), s => s.CustomerId == "cust-demo-bright" && !s.AwaitingApproval);
    }

    [Fact]
    public async Task TheSeededInvoices_RehearsedSeventyDays_TheOverdueOneReachesRed_TheDisputedOneWaits_ThePaidOneIsSettled()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = Keys(new()
        {
            ["Clock__Mode"] = "Rehearsal",
            ["Demo__Seed"] = "true",
            ["Storage__Prefix"] = UniqueName.For("rehearse"),
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.5",
            ["Erp__SigningKeys__0"] = ErpKey,
        });
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, settings, environmentName: "Development");
        var dunning = host.Services.GetRequiredService<DunningStore>();
        await Until(async () => (await dunning.GetAsync("cust-demo-bright", "INV-DEMO-1003"))?.Standing.Level >= 4, "the overdue invoice's first look");

        (await Client(host, AdminKey).PostAsJsonAsync("/api/rehearsal/advance", new { days = 70 })).EnsureSuccessStatusCode();

        var tasks = host.Services.GetRequiredService<CreditTaskStore>();
        // Red hands Bright's open invoices to legal as a case, which asks legal to accept it.
        await Until(
            async () => (await tasks.ListAsync(role: CreditRole.Legal, customerId: "cust-demo-bright")).Any(t => t.Id == "cust-demo-bright-INV-DEMO-1003|accept-1" && t.Title.Contains("invoice INV-DEMO-1003", StringComparison.Ordinal) && t.Title.Contains("is at red", StringComparison.Ordinal)),
            "legal's task to accept the case of the red invoice");
        var ledger = await host.Services.GetRequiredService<CustomerLedgerStore>().ReadAsync("cust-demo-bright", []);
        Assert.True(ledger.Terms.LimitFrozen, "yellow froze Bright's limit on the way");

        // Bright's dunning letters of those days went to its contact, none to the credit mailbox in its stead.
        var outbox = host.Services.GetRequiredService<LocalOutboxMailSender>();
        static bool ToBright(StoredMail m) => m.TextBody.StartsWith("Dear Shenzhen Bright Electronics Co.,", StringComparison.Ordinal);
        await Until(async () => (await outbox.ListAsync(CancellationToken.None)).Any(ToBright), "a dunning letter to Bright");
        Assert.All((await outbox.ListAsync(CancellationToken.None)).Where(ToBright), m => Assert.Equal("finance@cust-demo-bright.example", m.To));

        // The ERP keeps signing with the real time: its webhooks are still taken 70 business days ahead.
        var body = System.Text.Encoding.UTF8.GetBytes("{\"paymentId\":\"PAY-REHEARSED\",\"customerId\":\"cust-demo-bright\",\"invoiceId\":\"INV-DEMO-1003\",\"amount\":{\"amount\":1000,\"currency\":\"CNY\"},\"receivedOn\":\"2026-12-05\"}");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var payment = new HttpRequestMessage(HttpMethod.Post, "/api/erp/payments") { Content = new ByteArrayContent(body) };
        payment.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        payment.Headers.Add(CreditFlow.ErpContract.ErpSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        payment.Headers.Add(CreditFlow.ErpContract.ErpSignature.SignatureHeader, CreditFlow.ErpContract.ErpSignature.Sign(ErpKey, timestamp, body));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(payment)).StatusCode);
        Assert.Equal("PausedByDispute", (await dunning.GetAsync("cust-demo-bright", "INV-DEMO-1002"))!.Standing.Status);
        Assert.Equal("Settled", (await dunning.GetAsync("cust-demo-bright", "INV-DEMO-1001"))!.Standing.Status);
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static Dictionary<string, string?> Keys(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ApiKeys__0__Name"] = "admin",
            ["ApiKeys__0__Role"] = nameof(CreditRole.Admin),
            ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex(AdminKey),
            ["ApiKeys__1__Name"] = "officer",
            ["ApiKeys__1__Role"] = nameof(CreditRole.CreditOfficer),
            ["ApiKeys__1__Sha256"] = CreditApiHost.Sha256Hex(OfficerKey),
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static HttpClient Client(RunningHost host, string key)
    {
        var client = new HttpClient { BaseAddress = host.Client.BaseAddress };
        client.DefaultRequestHeaders.Add("x-api-key", key);
        return client;
    }
}
