using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditFlow.Domain.Roles;
using CreditFlow.ErpContract;
using CreditFlow.Host.Mail;
using CreditFlow.Host.Receivables;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>
/// The receivables host (<see cref="ReceivablesHost"/>: fake clock, invoices booked through the signed ERP webhook) set up
/// for the customers' payment page and the credit tasks page: it listens at its own <c>PublicBaseUrl</c>, so the links
/// dunning letters carry open on it as mailed; payment links have a known key; the engine polls often, so a timer due
/// once the clock is moved fires within a second. One credit officer's key signs in to the credit pages.
/// </summary>
public sealed class PaymentHost : IAsyncLifetime
{
    public const string SigningKey = "payment-page-test-signing-key-0123456789abcdef";
    public const string OfficerName = "Chen Jing (credit officer)";
    public const string OfficerKey = "payment-test-key-officer-0123456789abcd";
    public const string SalesRepName = "Wang Li (sales)";
    public const string SalesRepKey = "payment-test-key-sales-0123456789abcdef";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private RunningHost? _host;

    public FakeTimeProvider Clock { get; } = new(ReceivablesHost.Start);

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public string PublicBaseUrl { get; } = RunningHost.FreeLoopbackUrl();

    internal RunningHost Host => _host!;

    /// <summary>A visitor without a key that does not follow redirects, so a test sees the 303 a form post answers.</summary>
    internal HttpClient Client { get; private set; } = null!;

    internal DunningStore Invoices => Host.Services.GetRequiredService<DunningStore>();

    internal PaymentLinks Links => Host.Services.GetRequiredService<PaymentLinks>();

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Erp__SigningKeys__0"] = ReceivablesHost.ErpKey,
            ["PublicBaseUrl"] = PublicBaseUrl,
            ["PaymentLinks__SigningKey"] = SigningKey,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.5",
            ["ApiKeys__0__Name"] = OfficerName,
            ["ApiKeys__0__Role"] = nameof(CreditRole.CreditOfficer),
            ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex(OfficerKey),
            ["ApiKeys__1__Name"] = SalesRepName,
            ["ApiKeys__1__Role"] = nameof(CreditRole.SalesRep),
            ["ApiKeys__1__Sha256"] = CreditApiHost.Sha256Hex(SalesRepKey),
        };
        _host = await RunningHost.StartAsync(azurite.ConnectionString, settings, url: PublicBaseUrl, overrideServices: services => services.AddSingleton<TimeProvider>(Clock));
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Client.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A named customer on the credit list.</summary>
    public async Task<string> CustomerAsync(string name = "Shenzhen Bright Lighting Co., Ltd.")
    {
        var id = UniqueName.For("cust");
        await Host.Services.GetRequiredService<CustomerRepository>().CreateAsync(new Customer(id, name, "91440300" + id[^6..], null, "Lighting", Clock.GetUtcNow()));
        return id;
    }

    /// <summary>Books an invoice of CNY <paramref name="amount"/> issued today, due in <paramref name="termDays"/>, through the signed webhook; waits for dunning's first look.</summary>
    public async Task<string> InvoiceAsync(string customerId, decimal amount = 128_450.50m, int termDays = 30, int issuedDaysAgo = 0)
    {
        var invoiceId = UniqueName.For("INV");
        var issued = Today.AddDays(-issuedDaysAgo);
        await BookAsync(customerId, invoiceId, amount, issued, issued.AddDays(termDays));
        await UntilAsync(async () => (await Invoices.GetAsync(customerId, invoiceId))?.Standing.LookedAt is not null, $"dunning's first look at {invoiceId}");
        return invoiceId;
    }

    /// <summary>Books the invoice as the ERP does: JSON signed with the ERP's key (as <see cref="ReceivablesHost.BookInvoiceAsync"/>).</summary>
    private async Task BookAsync(string customerId, string invoiceId, decimal amount, DateOnly issued, DateOnly due)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                invoiceId,
                customerId,
                orderId = (string?)null,
                amount = new { amount, currency = "CNY" },
                issueDate = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/erp/invoices") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(ReceivablesHost.ErpKey, timestamp, bytes));
        using var response = await Host.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"booking {invoiceId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The path of a payment link for the invoice, as a letter sent now would carry it.</summary>
    internal string PayPath(string customerId, string invoiceId, DateTimeOffset? issuedAt = null) =>
        "/pay/" + Links.Issue(customerId, invoiceId, issuedAt ?? Clock.GetUtcNow());

    /// <summary>Reads the invoice as the API shows it, with the officer's key.</summary>
    internal async Task<JsonElement> InvoiceJsonAsync(string invoiceId)
    {
        using var client = ApiClient(OfficerKey);
        using var response = await client.GetAsync($"/api/invoices/{Uri.EscapeDataString(invoiceId)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET invoice {invoiceId}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits until the API shows the invoice with <paramref name="status"/>: dunning looks asynchronously after a change.</summary>
    internal async Task<JsonElement> InvoiceWhenAsync(string invoiceId, string status)
    {
        JsonElement invoice = default;
        await UntilAsync(async () => (invoice = await InvoiceJsonAsync(invoiceId)).GetProperty("status").GetString() == status, $"invoice {invoiceId} {status}");
        return invoice;
    }

    /// <summary>The newest mail in the outbox whose subject names <paramref name="invoiceId"/> and carries a link.</summary>
    internal async Task<StoredMail> LetterAboutAsync(string invoiceId)
    {
        var outbox = Host.Services.GetRequiredService<LocalOutboxMailSender>();
        StoredMail? letter = null;
        await UntilAsync(
            async () => (letter = (await outbox.ListAsync(CancellationToken.None)).FirstOrDefault(m => m.Subject.Contains(invoiceId, StringComparison.Ordinal) && m.Links.Count > 0)) is not null,
            $"a letter about {invoiceId}");
        return letter!;
    }

    /// <summary>A client presenting <paramref name="key"/> as x-api-key.</summary>
    internal HttpClient ApiClient(string key)
    {
        var client = new HttpClient { BaseAddress = Host.Client.BaseAddress };
        client.DefaultRequestHeaders.Add("x-api-key", key);
        return client;
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed, signed in to the credit pages with <paramref name="key"/>.</summary>
    internal async Task<HttpClient> SignedInAsync(string key)
    {
        return await FormPosts.SignedInToCreditAsync(Host.Client.BaseAddress!, key);
    }

    internal static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}

/// <summary>The payment page and tasks page test classes share one host; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PaymentCollection : ICollectionFixture<PaymentHost>
{
    public const string Name = "payments";
}
