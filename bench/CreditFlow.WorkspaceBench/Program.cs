using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Roles;
using CreditFlow.Host;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Policies;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using CreditFlow.Workflows.Policies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// The workspace's pages at scale (issue 17's target: 2,000 customers and 200,000 invoices, the dashboard in ≤ 1 s, a
// customer page in ≤ 300 ms). Seeds customers and invoices straight into the host's stores on a fresh in-memory Azurite,
// in steps up to --invoices; at each step waits until the customers' receivables summaries are current (kept in the
// background as invoices change), then times --samples GETs of the dashboard, of the dashboard just after a payment
// (the request summarises that customer first), and of customer pages, signed in. Every customer also has a credit
// profile and an exposure; the credit book's reading of them all (what a dashboard request pays once every
// Dashboard__CreditBookSeconds) is timed on its own, and so is a policy draft's impact simulation over the open invoices.
// Usage: dotnet CreditFlow.WorkspaceBench.dll [--customers 2000] [--invoices 200000] [--steps 4] [--samples 5]
var arguments = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal)).ToDictionary(x => x.a[2..], x => args[x.i + 1]);
int Option(string name, int fallback) => arguments.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var customerCount = Option("customers", 2000);
var invoiceCount = Option("invoices", 200_000);
var steps = Option("steps", 4);
var samples = Option("samples", 5);
const string Key = "workspace-bench-officer-key-0123456789abcdef";

Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] starting Azurite in memory");
await using var azurite = await AzuriteInstance.StartAsync(inMemoryPersistence: true);
var folder = Directory.CreateTempSubdirectory("creditflow-workspacebench-").FullName;
await File.WriteAllTextAsync(Path.Combine(folder, "host.json"), """
    { "version": "2.0", "logging": { "LogLevel": { "Default": "Warning" } }, "extensions": { "durableTask": { "storageProvider": { "partitionCount": 4 } } } }
    """);
var app = CreditFlowApp.Build(["--urls", "http://127.0.0.1:0"], folder, new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = azurite.ConnectionString,
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["ApiKeys__0__Name"] = "bench",
    ["ApiKeys__0__Role"] = nameof(CreditRole.CreditOfficer),
    ["ApiKeys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
});
await app.StartAsync();
var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
// Signed in as a browser is: the sign-in page's form token (its antiforgery cookie kept in the jar) posted with the key.
var signInPage = await browser.GetStringAsync("/credit/sign-in");
var formToken = Regex.Match(signInPage, "name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"").Groups["token"].Value;
(await browser.PostAsync("/credit/sign-in", new FormUrlEncodedContent([new("key", Key), new("__RequestVerificationToken", formToken)]))).EnsureSuccessStatusCode();

var customers = app.Services.GetRequiredService<CustomerRepository>();
var invoices = app.Services.GetRequiredService<DunningStore>();
var today = DateOnly.FromDateTime(DateTime.UtcNow);
var ids = Enumerable.Range(0, customerCount).Select(i => $"cust-{i:00000}").ToArray();
await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
    await customers.CreateAsync(new Customer(id, $"Customer {id} Trading Co.", "REG-" + id, null, "manufacturing", DateTimeOffset.UtcNow), ct));

// Each customer's credit: a profile (its decision beside it) and an exposure row, as onboarding and the order check write them.
var profiles = app.Services.GetRequiredService<CreditProfileRepository>();
var ledgers = app.Services.GetRequiredService<CustomerLedgerStore>();
await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) =>
{
    var limit = Money.Of(100_000m + (c.i % 20) * 50_000m, "CNY");
    await profiles.CreateAsync(
        new CustomerCreditProfile(c.id, (CreditClass)(c.i % 4), limit, 60, "none", CreditProfileStatus.Active, 50m + c.i % 50, null, null, null),
        new CreditDecision($"{c.id}-grant", c.id, DateTimeOffset.UtcNow, "bench", $"Active: limit {limit}", "seeded", "{}", null, null),
        ct);
    var ledger = await ledgers.ReadAsync(c.id, [], ct);
    var used = limit * ((c.i % 10) / 10m);
    await ledgers.CommitAsync(ledger, new LedgerChange(new ExposureState(new CreditExposure(used, Money.Zero(used.Currency), Money.Zero(used.Currency)), [], 1), []), ct);
});

// A draft of the credit policy, the shipped document with the reminder two days earlier, to simulate at each step.
var drafts = app.Services.GetRequiredService<PolicyDrafts>();
var earlier = JsonNode.Parse(CreditPolicy.Default.Json)!;
earlier["dunningLadder"]!["steps"]![0]!["daysFromDue"] = -5;
var draft = await app.Services.GetRequiredService<PolicyStore>().AddDraftAsync(earlier.ToJsonString(), today.AddDays(1), "bench: remind earlier", "bench", DateTimeOffset.UtcNow);

var results = new List<object>();
var seeded = 0;
for (var step = 1; step <= steps; step++)
{
    var target = invoiceCount * step / steps;
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(seeded, target - seeded), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, ct) =>
    {
        // A year of invoices, a tenth still open, some of them late; the rest paid a few days around the due date.
        var issued = today.AddDays(-(n % 365));
        var due = issued.AddDays(30);
        var amount = Money.Of(1_000m + (n % 97) * 250m, "CNY");
        var record = DunningRecord.Booked(ids[n % customerCount], $"INV-{n:0000000}", issued, due, amount);
        // Where dunning's looks would have left it: the paid ones settled, the others running (a policy simulation reads
        // only the invoices still in dunning).
        if (n % 10 != 0 && due.AddDays((n % 11) - 5) < today)
        {
            var paidOn = due.AddDays((n % 11) - 5);
            record = record with
            {
                Payments = [new InvoicePayment(paidOn, amount)],
                Standing = new DunningStanding(nameof(DunningStatus.Settled), 0, null, null, 0m, new DateTimeOffset(paidOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
            };
        }
        else
        {
            record = record with { Standing = new DunningStanding(nameof(DunningStatus.Running), 0, null, null, amount.Amount, DateTimeOffset.UtcNow) };
        }

        await invoices.AddAsync(record, ct);
    });
    seeded = target;
    var seedSeconds = watch.Elapsed.TotalSeconds;
    Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {seeded} invoices seeded ({seedSeconds:F0} s for this step); timing the pages");

    // The summaries are kept in the background: wait until the dashboard no longer says it is still counting.
    watch.Restart();
    while ((await browser.GetStringAsync("/credit/dashboard")).Contains("id=\"still-counting\"", StringComparison.Ordinal))
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    var caughtUpSeconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
    var dashboard = await TimeAsync("/credit/dashboard");

    // A payment booked just before each look: the request summarises that customer again before it reads.
    var afterPayment = new double[samples];
    for (var i = 0; i < samples; i++)
    {
        // The next customer with an open invoice (at some sizes a customer's invoices are all paid).
        DunningRecord? paid = null;
        for (var c = seeded + i; paid is null && c < seeded + i + customerCount; c++)
        {
            paid = (await invoices.ListAllAsync(ids[c % customerCount])).FirstOrDefault(r => r.Invoice.IsOpen);
        }

        paid = paid ?? throw new InvalidOperationException("No customer has an open invoice left to pay.");
        await invoices.SaveAsync(paid with { Payments = [.. paid.Payments, new InvoicePayment(today, paid.Invoice.Open)] });
        afterPayment[i] = (await TimeAsync("/credit/dashboard", 1))[0];
    }

    // The first customer page after a minute also ranks every customer for the core-customer line (reused for a minute).
    var customer = await TimeAsync($"/credit/customers/{ids[seeded % customerCount]}");

    // The invoices page: the open ones from the summaries, and a status, which reads every invoice.
    var invoicesPage = await TimeAsync("/credit/invoices");
    var invoicesByStatus = await TimeAsync("/credit/invoices?status=Running");

    // The credit book's reading as CreditBookReadings makes it: every customer, and every profile and exposure, at once.
    var book = new double[samples];
    for (var i = 0; i < samples; i++)
    {
        var bookWatch = Stopwatch.StartNew();
        await Task.WhenAll(customers.ListAllAsync(), ledgers.CreditOfEveryCustomerAsync());
        book[i] = Math.Round(bookWatch.Elapsed.TotalMilliseconds, 1);
    }

    // A policy draft's impact simulation as the policy page runs it within the request: every open invoice set on the
    // draft's ladder beside its own (no orders or applications are seeded, so those parts read nothing).
    var simulation = new double[samples];
    var openReading = new double[samples];
    for (var i = 0; i < samples; i++)
    {
        var simulationWatch = Stopwatch.StartNew();
        _ = await drafts.SimulateAsync(draft.Version, null) ?? throw new InvalidOperationException("The bench's draft is gone.");
        simulation[i] = Math.Round(simulationWatch.Elapsed.TotalMilliseconds, 1);
        simulationWatch.Restart();
        _ = await invoices.ListInDunningAsync(); // its reading of the open invoices alone
        openReading[i] = Math.Round(simulationWatch.Elapsed.TotalMilliseconds, 1);
    }

    results.Add(new { invoices = seeded, customers = customerCount, seedSeconds = Math.Round(seedSeconds, 1), caughtUpSeconds, dashboardMs = dashboard, dashboardAfterPaymentMs = afterPayment, customerPageMs = customer, invoicesPageMs = invoicesPage, invoicesByStatusMs = invoicesByStatus, creditBookReadingMs = book, policySimulationMs = simulation, openInvoicesReadingMs = openReading });
    Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] summaries current {caughtUpSeconds} s after seeding; dashboard {string.Join(", ", dashboard)} ms; after a payment {string.Join(", ", afterPayment)} ms; customer page {string.Join(", ", customer)} ms; invoices page {string.Join(", ", invoicesPage)} ms, by status {string.Join(", ", invoicesByStatus)} ms; credit book reading {string.Join(", ", book)} ms; policy simulation {string.Join(", ", simulation)} ms, of which reading the open invoices about {string.Join(", ", openReading)} ms");
}

Console.WriteLine(JsonSerializer.Serialize(new { machine = new { cores = Environment.ProcessorCount, dotnet = Environment.Version.ToString() }, samples, results }, new JsonSerializerOptions { WriteIndented = true }));
await app.StopAsync();
await app.DisposeAsync();
Directory.Delete(folder, recursive: true);

async Task<double[]> TimeAsync(string path, int? count = null)
{
    var times = new double[count ?? samples];
    for (var i = 0; i < times.Length; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await browser.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        times[i] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
    }

    return times;
}
