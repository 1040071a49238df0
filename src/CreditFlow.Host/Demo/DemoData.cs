using System.Text.Json.Nodes;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Warnings;
using CreditFlow.Durable.Client;
using CreditFlow.Storage;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Blacklist;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.Dunning;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.OrderCheck;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.Review;
using CreditFlow.Workflows.Warnings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Host.Demo;

/// <summary>
/// A handful of customers in different states, so a newcomer sees the flow at once: one active,
/// one on trial, one blacklisted (set directly, as years of history would have left them), and two
/// applications filed through the real onboarding — one waiting for the credit officer's approval
/// (its mail is in the outbox), one waiting for data from sales. The active customer has three invoices,
/// booked as the ERP books them so dunning follows each: one paid on time, one disputed, one overdue and
/// sliding towards red. A fifth, Fuzhou Lotus Ceramics, shows early warning and re-review: its main shareholder
/// pledged 62.5% of its equity (an orange warning with legal's task to answer it), and a review asked for on its new,
/// stronger statements proposes class A at a higher limit, waiting for the credit manager's approval (mail in the
/// outbox). Grand is on the blacklist with an industry list's defaulter. A year of invoices and payments fills the
/// dashboard (<see cref="DemoHistory"/>). Every customer invoiced has the application that put it on credit, with a
/// contact, so its dunning letters go to the customer rather than the credit mailbox. A draft of the credit policy
/// (version 2: the stop line and yellow earlier) waits for the committee, simulated on that data. Seeded once: each item is skipped when it exists.
/// </summary>
internal sealed class DemoData(
    CreditStore store,
    DurableTaskClient client,
    LedgerBookings ledger,
    DunningStore dunning,
    InvoiceDunning invoices,
    CustomerWarnings warnings,
    CustomerReviews reviews,
    DemoHistory history,
    PolicyDrafts drafts,
    TimeProvider time,
    ILogger<DemoData> logger)
{
    private const string SeededBy = "demo data";

    /// <summary>Who filed the demo's applications: asked by mail when data is missing, and copied on dunning letters.</summary>
    private const string SalesRep = "sales.rep@creditflow.local";

    // The impression of an application granted before CreditFlow: no figures kept, so a review keeps the class it has.
    private const string GrantedBefore = "Granted before CreditFlow; the statements of then are not on file.";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await store.EnsureCreatedAsync(cancellationToken);
        var now = time.GetUtcNow();
        await EstablishedAsync("cust-demo-bright", "Shenzhen Bright Electronics Co.", CreditClass.A, CreditProfileStatus.Active, 2_000_000m, 60, "none", now, cancellationToken);
        await GrantedApplicationAsync("app-demo-bright", "cust-demo-bright", 2_000_000m, 60, new Dictionary<string, decimal>(), GrantedBefore, now, cancellationToken);
        await EstablishedAsync("cust-demo-delta", "Wuhan Delta Components Ltd.", CreditClass.B, CreditProfileStatus.Trial, 100_000m, 30, "trial period until the first orders are paid", now, cancellationToken);
        await EstablishedAsync("cust-demo-grand", "Hangzhou Grand Trading Ltd.", CreditClass.D, CreditProfileStatus.Blacklisted, 0m, 0, "blacklisted after a court judgment for unpaid invoices", now, cancellationToken);
        // On the list too, as the blacklist page and onboarding read it; and one industry-list defaulter that is no customer.
        await store.Blacklist.AddOnceAsync(new BlacklistEntry("REG-cust-demo-grand", "Hangzhou Grand Trading Ltd.", "cust-demo-grand", "court judgment for unpaid invoices", BlacklistSource.Internal, null, SeededBy, now), cancellationToken);
        await store.Blacklist.AddOnceAsync(new BlacklistEntry("91330200-HARB", "Ningbo Harbour Freight Co.", null, "industry defaulters list: three unpaid suppliers", BlacklistSource.IndustryList, null, SeededBy, now), cancellationToken);
        await FileAsync(Application("app-demo-apex", "Nanjing Apex Materials Co.", "91320100-APEX", 800_000m, Figures(), now), cancellationToken);
        await FileAsync(Application("app-demo-kite", "Xiamen Kite Logistics Ltd.", "91350200-KITE", 300_000m, Figures().Where(f => f.Key != "netMargin").ToDictionary(), now), cancellationToken);
        await InvoicesAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        await reviews.StartAsync("cust-demo-bright", CreditClass.A, now, cancellationToken);
        await WarnedAndReviewedAsync(now, cancellationToken);
        await EstablishedAsync("cust-demo-jade", "Suzhou Jade Textiles Co.", CreditClass.C, CreditProfileStatus.Active, 400_000m, 60, "none", now, cancellationToken, "textiles");
        await GrantedApplicationAsync("app-demo-jade", "cust-demo-jade", 400_000m, 60, new Dictionary<string, decimal>(), GrantedBefore, now, cancellationToken);
        await EstablishedAsync("cust-demo-northsea", "Qingdao North Sea Foods Ltd.", CreditClass.B, CreditProfileStatus.Active, 250_000m, 30, "none", now, cancellationToken, "food");
        await GrantedApplicationAsync("app-demo-northsea", "cust-demo-northsea", 250_000m, 30, new Dictionary<string, decimal>(), GrantedBefore, now, cancellationToken);
        await history.SeedAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        await PolicyDraftAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
    }

    /// <summary>
    /// Version 2 of the credit policy as a draft, simulated: the stop line from 30 to 20 days overdue and yellow from 30
    /// to 25 days, so /credit/policies/2 shows what it would change on the demo's orders, applications and invoices.
    /// </summary>
    private async Task PolicyDraftAsync(DateOnly today, CancellationToken ct)
    {
        if ((await drafts.VersionsAsync(ct)).Count > 1)
        {
            return;
        }

        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["orderCheck"]!["stopLineDaysOverdue"] = 20;
        var yellow = document["dunningLadder"]!["steps"]!.AsArray().First(s => (string?)s!["code"] == "yellow")!;
        yellow["daysFromDue"] = 25;

        // The warning rules move with it: the ladder's yellow step raises the yellow warning its version's rules give.
        var overdue = document["warningRules"]!["rules"]!.AsArray().First(r => (string?)r!["name"] == "overdue 30 days without explanation")!;
        overdue["name"] = "overdue 25 days without explanation";
        overdue["atLeast"] = 25;
        var drafted = await drafts.DraftAsync(
            document.ToJsonString(), today.AddDays(7), "Overdue grew this quarter: hold orders and warn earlier (stop line 20 days, yellow at 25).", SeededBy, ct);
        if (drafted.Draft is { } draft)
        {
            await drafts.SimulateAsync(draft.Version, null, ct);
        }
        else
        {
            logger.LogWarning("The demo's policy draft was refused: {Problems}", string.Join("; ", drafted.Problems.Select(p => $"{p.Path} {p.Problem}")));
        }
    }

    /// <summary>Lotus: class B on 800,000.00 CNY, an orange warning to answer and a review proposal to approve.</summary>
    private async Task WarnedAndReviewedAsync(DateTimeOffset now, CancellationToken ct)
    {
        const string customer = "cust-demo-lotus";
        if (await store.Customers.GetAsync(customer, ct) is not null)
        {
            return;
        }

        await EstablishedAsync(customer, "Fuzhou Lotus Ceramics Co.", CreditClass.B, CreditProfileStatus.Active, 800_000m, 45, "none", now, ct);
        var strong = new Dictionary<string, decimal>(Figures())
        {
            ["currentRatio"] = 2.5m, ["debtToAssetRatio"] = 30m, ["grossMargin"] = 40m, ["netMargin"] = 15m, ["receivableTurnover"] = 12m, ["cashFlowQuality"] = 1.5m,
            ["marketShare"] = 20m, ["yearsOfCooperation"] = 5m, ["managementStability"] = 5m, ["coreTechnology"] = 5m, ["industryCycle"] = 5m, ["competition"] = 5m, ["policySensitivity"] = 5m,
        };
        await GrantedApplicationAsync("app-demo-lotus", customer, 800_000m, 45, strong, "Yearly visit: new kiln line running, order book full.", now, ct);
        await warnings.StartAsync(new WarningSignal("demo-pledge-lotus", new CreditSignal(customer, SignalKind.EquityPledgedPercent, 62.5m, now)), ct);
        await reviews.StartAsync(customer, CreditClass.B, now, ct);
        await reviews.RequestAsync(customer, "demo data: the audited statements of last year arrived", ct);
        logger.LogInformation("Demo customer {Customer}: an orange warning to answer and a review proposal to approve.", customer);
    }

    /// <summary>Bright's invoices on its 60-day term: paid on time, disputed, and 25 days overdue (yellow in 5 days, red in 65).</summary>
    private async Task InvoicesAsync(DateOnly today, CancellationToken ct)
    {
        const string customer = "cust-demo-bright";
        if (await dunning.GetAsync(customer, "INV-DEMO-1001", ct) is not null)
        {
            return;
        }

        await InvoiceAsync(customer, "INV-DEMO-1001", 180_000m, today.AddDays(-40), ct);
        await ledger.PaymentAsync(new ErpPayment("PAY-DEMO-1001", customer, "INV-DEMO-1001", null, Money.Of(180_000m, "CNY"), today), "demo", ct);
        await InvoiceAsync(customer, "INV-DEMO-1002", 96_500m, today.AddDays(-65), ct);
        await DisputeAsync(customer, "INV-DEMO-1002", today.AddDays(-3), "Two cartons of the delivery arrived damaged; the customer waits for a credit note.", ct);
        await InvoiceAsync(customer, "INV-DEMO-1003", 342_000m, today.AddDays(-85), ct);
        logger.LogInformation("Demo invoices of {Customer} booked: one paid, one disputed, one 25 days overdue.", customer);
    }

    private Task InvoiceAsync(string customer, string id, decimal amount, DateOnly issued, CancellationToken ct) =>
        ledger.InvoiceAsync(new ErpInvoice(id, customer, null, Money.Of(amount, "CNY"), issued, issued.AddDays(60)), "demo", ct);

    private async Task DisputeAsync(string customer, string invoiceId, DateOnly openedOn, string reason, CancellationToken ct)
    {
        // The invoice's first look may save its record meanwhile: read again and retry.
        for (var attempt = 1; ; attempt++)
        {
            var record = (await dunning.GetAsync(customer, invoiceId, ct))!;
            try
            {
                await dunning.SaveAsync(record with { Disputes = [new RecordedDispute(openedOn, reason, SeededBy)] }, ct);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
            }
        }

        await invoices.InvoiceChangedAsync(customer, invoiceId, ct);
    }

    private async Task EstablishedAsync(
        string id, string name, CreditClass creditClass, CreditProfileStatus status, decimal limit, int termDays, string conditions, DateTimeOffset now, CancellationToken ct,
        string industry = "electronics")
    {
        if (await store.Customers.GetAsync(id, ct) is not null)
        {
            return;
        }

        await store.Customers.CreateAsync(new Customer(id, name, "REG-" + id, null, industry, now), ct);
        await store.Profiles.CreateAsync(
            new CustomerCreditProfile(id, creditClass, Money.Of(limit, "CNY"), termDays, conditions, status, null, null, null, null),
            new CreditDecision($"{id}-demo", id, now, SeededBy, $"{status}: limit {Money.Of(limit, "CNY")}, {termDays} days", "seeded as demo data", "{}", null, null),
            ct);
        logger.LogInformation("Demo customer {Customer} seeded as {Status}.", name, status);
    }

    /// <summary>
    /// The application that put an established customer on credit, granted, with its contact and sales rep as the
    /// applicants' carry them: dunning writes to the latest application's contact, and to the credit mailbox without one.
    /// </summary>
    private async Task GrantedApplicationAsync(
        string id, string customerId, decimal limit, int termDays, IReadOnlyDictionary<string, decimal> figures, string impression, DateTimeOffset now, CancellationToken ct)
    {
        if (await store.Applications.GetAsync(id, ct) is not null)
        {
            return;
        }

        await store.Applications.CreateAsync(
            new CreditApplication(id, customerId, Money.Of(limit, "CNY"), termDays, figures, impression, ApplicationStatus.Granted, SeededBy, now, now)
            {
                ContactEmail = Contact(customerId),
                SalesRepEmail = SalesRep,
            },
            ct);
    }

    /// <summary>A demo customer's contact for credit matters (an address nobody receives).</summary>
    private static string Contact(string customerId) => $"finance@{customerId}.example";

    private async Task FileAsync(CreditApplicationRequest application, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(application.ApplicationId, cancellation: ct) is not null)
        {
            return;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(OnboardingWorkflow), application, new StartOrchestrationOptions { InstanceId = application.ApplicationId }, ct);
        logger.LogInformation("Demo application {Application} of {Customer} filed.", application.ApplicationId, application.Customer.Name);
    }

    private static CreditApplicationRequest Application(string id, string name, string registration, decimal requested, IReadOnlyDictionary<string, decimal> figures, DateTimeOffset now)
    {
        var customerId = "cust-" + registration.ToLowerInvariant();
        return new CreditApplicationRequest(
            id,
            new ApplicantCompany(customerId, name, registration, null, "materials", Contact(customerId), Money.Of(20_000_000m, "CNY")),
            Money.Of(requested, "CNY"),
            60,
            Money.Of(2_500_000m, "CNY"),
            figures,
            "First visit: modern plant, orderly warehouse, the owner took part in the meeting.",
            SalesRep,
            null,
            [],
            SeededBy,
            now);
    }

    private static Dictionary<string, decimal> Figures() => new()
    {
        ["currentRatio"] = 1.8m,
        ["debtToAssetRatio"] = 45m,
        ["grossMargin"] = 28m,
        ["netMargin"] = 7m,
        ["receivableTurnover"] = 8m,
        ["cashFlowQuality"] = 1.1m,
        ["marketShare"] = 8m,
        ["managementStability"] = 4m,
        ["coreTechnology"] = 4m,
        ["industryCycle"] = 4m,
        ["competition"] = 3m,
        ["policySensitivity"] = 4m,
    };
}
